package dev.polity.norms;

/**
 * The canons that settle a conflict between two applicable norms, in the order they are tried
 * (Prakken &amp; Sartor 1996, "A dialectical model of assessing conflicting arguments in legal reasoning", §5:
 * lex superior, lex specialis and lex posterior as priorities between arguments).
 */
public enum Principle {
    /** The norm of the higher tier prevails. */
    LEX_SUPERIOR("higher tier"),
    /** A norm that names the other in {@code overrides} prevails over it within a tier. */
    DECLARED_OVERRIDE("declared override"),
    /** The norm whose scope is at least as specific in every facet and more specific in one prevails. */
    LEX_SPECIALIS("more specific scope"),
    /** The norm in force from the later date prevails. */
    LEX_POSTERIOR("later effective date");

    private final String label;

    Principle(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
