package dev.polity.norms;

/**
 * A place a norm can be scoped to: {@code *}, a grouping of places (EU, EEA, user-defined), an ISO 3166-1
 * country or an ISO 3166-2 subdivision. The level orders specificity for lex specialis.
 */
public record Jurisdiction(String code, Level level, String name) {

    public enum Level {
        EVERYWHERE(0), GROUPING(1), COUNTRY(2), SUBDIVISION(3);

        private final int specificity;

        Level(int specificity) {
            this.specificity = specificity;
        }

        public int specificity() {
            return specificity;
        }
    }
}
