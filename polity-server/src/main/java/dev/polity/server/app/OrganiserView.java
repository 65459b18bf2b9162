package dev.polity.server.app;

import dev.polity.store.DeliberationStore;
import java.util.List;

/**
 * What an organiser sees of a deliberation: its participant link, counts, every statement with its moderation,
 * and the live results of the deliberation engine (opinion groups with their representative statements,
 * group-informed consensus, bridging, the opinion map, participation over time).
 */
public record OrganiserView(DeliberationStore.Stored deliberation, String link, int participants, int votes,
                            List<DeliberationStore.StoredStatement> statements, List<Group> groups, List<Ranked> consensus,
                            List<Ranked> bridging, String map, String participation, double analysisMillis) {

    /** An opinion group: its number, colour, size and representative statements. */
    public record Group(int number, String colour, int size, List<Representative> statements) {
    }

    /** A representative statement of a group: agreed (or disagreed) with by {@code percent} of the group. */
    public record Representative(long id, String text, boolean agree, int percent, boolean bestAgree) {
    }

    /** A statement with a score (consensus, or bridging intercept with its factor) and, for bridging, whether it bridges. */
    public record Ranked(long id, String text, double score, double factor, boolean bridges) {
        public String formatted() {
            return String.format(java.util.Locale.ROOT, "%.3f", score);
        }

        public String formattedFactor() {
            return String.format(java.util.Locale.ROOT, "%.3f", factor);
        }
    }

    public List<DeliberationStore.StoredStatement> pending() {
        return statements.stream().filter(s -> DeliberationStore.PENDING.equals(s.state())).toList();
    }
}
