package dev.polity.deliberation;

/**
 * A statement participants voted on. {@code moderated} follows Polis: 1 accepted, 0 not yet moderated,
 * -1 rejected. Meta statements (demographic questions) and rejected ones stay in the record but are left
 * out of the opinion analysis. {@code polisConsensus} is Polis's own group-informed consensus when the
 * export carries it, else null.
 */
public record Statement(String id, String text, String authorId, int moderated, boolean meta, Double polisConsensus) {

    /** Whether the statement takes part in the opinion analysis (PCA, groups, repness, consensus). */
    public boolean inAnalysis() {
        return moderated >= 0 && !meta;
    }

    public Statement asMeta() {
        return new Statement(id, text, authorId, moderated, true, polisConsensus);
    }
}
