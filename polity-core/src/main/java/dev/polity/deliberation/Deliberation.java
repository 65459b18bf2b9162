package dev.polity.deliberation;

import java.util.ArrayList;
import java.util.List;

/**
 * The opinion analysis of one conversation: the statements analysed, the PCA and each participant's
 * place in it, the opinion groups, votes per group, repness, group-informed consensus and bridging.
 * Pure: the same conversation and options give the same result whatever the row order of the files.
 */
public record Deliberation(Conversation conversation, Options options, int[] columns, Pca pca, double[][] projection,
                           boolean[] clustered, OpinionGroups groups, GroupVotes groupVotes, double[] consensus,
                           Repness[][] repness, Bridging bridging) {

    /**
     * @param seed       seeds k-means++ and the factorisation's start
     * @param restarts   k-means restarts per k (at most OpinionGroups.LARGE_RESTARTS for large conversations)
     * @param baseK      base clusters (Polis: 100)
     * @param maxGroups  largest k tried (Polis: 5)
     * @param minVotes   votes a participant needs to be clustered, capped at the number of statements (Polis: 7)
     * @param bridging   whether to fit the bridging model
     */
    public record Options(long seed, int restarts, int baseK, int maxGroups, int minVotes, boolean bridging) {
        public static final Options DEFAULTS = new Options(1, 100, 100, 5, 7, true);

        public Options withSeed(long s) {
            return new Options(s, restarts, baseK, maxGroups, minVotes, bridging);
        }

        public Options withBridging(boolean b) {
            return new Options(seed, restarts, baseK, maxGroups, minVotes, b);
        }
    }

    /**
     * Relative loss decrease per sweep at which the bridging fit stops. On the 20,000 x 2,000 benchmark the
     * intercepts are then within 3e-4 and the factors within 7e-3 of a fit run to 1e-13, far inside the
     * 0.40 / 0.5 thresholds' resolution.
     */
    public static final double BRIDGING_TOLERANCE = 1e-9;
    /** Sweeps after which the bridging fit stops even if not converged (it reports its sweeps). */
    public static final int BRIDGING_MAX_SWEEPS = 5000;

    /** Told where a long analysis is: the stage, steps done and the total (-1 when open-ended, as the bridging fit is). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (stage, done, total) -> { };

        void update(String stage, long done, long total);
    }

    public static Deliberation analyse(Conversation c, Options o) {
        return analyse(c, o, Progress.NONE);
    }

    public static Deliberation analyse(Conversation c, Options o, Progress progress) {
        VoteMatrix m = c.votes();
        long stages = o.bridging() ? 4 : 3;
        progress.update("PCA", 0, stages);
        int[] columns = analysedColumns(c.statements());
        boolean[] inColumns = new boolean[m.statements()];
        for (int j : columns) {
            inColumns[j] = true;
        }
        Pca pca = Pca.of(m, columns, rejected(c.statements()));
        double[][] xy = pca.project(m);
        progress.update("opinion groups", 1, stages);
        boolean[] clustered = clustered(m, inColumns, Math.min(o.minVotes(), columns.length));
        OpinionGroups groups = OpinionGroups.find(xy, clustered, o.baseK(), o.maxGroups(), o.restarts(), o.seed());
        progress.update("repness and consensus", 2, stages);
        GroupVotes gv = GroupVotes.of(m, groups.group(), groups.k());
        double[] consensus = consensus(gv, inColumns);
        Repness[][] repness = repness(gv, inColumns);
        progress.update(o.bridging() ? "bridging" : "done", 3, stages);
        Bridging bridging = o.bridging()
                ? Bridging.fit(m, inColumns, o.seed(), BRIDGING_TOLERANCE, BRIDGING_MAX_SWEEPS, sweep -> progress.update("bridging fit, sweep", sweep, -1))
                : null;
        return new Deliberation(c, o, columns, pca, xy, clustered, groups, gv, consensus, repness, bridging);
    }

    /** The statements that take part in the opinion analysis (neither meta nor rejected), in order. */
    public static int[] analysedColumns(List<Statement> statements) {
        return java.util.stream.IntStream.range(0, statements.size()).filter(j -> statements.get(j).inAnalysis()).toArray();
    }

    /** Rejected statements, which Polis keeps as columns of zeros (see {@link Pca#zeroColumns()}). */
    public static int rejected(List<Statement> statements) {
        return (int) statements.stream().filter(s -> s.moderated() < 0 && !s.meta()).count();
    }

    /**
     * Which participants are clustered: Polis clusters only participants with at least min(7, statements)
     * votes (conversation.clj, in-conv); {@code need} is that minimum. Works on any block of rows.
     */
    public static boolean[] clustered(VoteMatrix m, boolean[] inColumns, int need) {
        boolean[] clustered = new boolean[m.participants()];
        for (int i = 0; i < m.participants(); i++) {
            int n = 0;
            for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                if (inColumns[m.rowCol(k)]) {
                    n++;
                }
            }
            clustered[i] = n >= Math.max(1, need);
        }
        return clustered;
    }

    /** Group-informed consensus of every analysed statement (NaN for the others). */
    public static double[] consensus(GroupVotes gv, boolean[] inColumns) {
        double[] consensus = new double[inColumns.length];
        for (int j = 0; j < inColumns.length; j++) {
            consensus[j] = inColumns[j] ? gv.consensus(j) : Double.NaN;
        }
        return consensus;
    }

    /** Repness of every analysed statement for every group (null rows for the others). */
    public static Repness[][] repness(GroupVotes gv, boolean[] inColumns) {
        Repness[][] repness = new Repness[inColumns.length][];
        for (int j = 0; j < inColumns.length; j++) {
            if (inColumns[j]) {
                repness[j] = new Repness[gv.groups()];
                for (int g = 0; g < gv.groups(); g++) {
                    repness[j][g] = Repness.of(gv, j, g);
                }
            }
        }
        return repness;
    }

    /** Representative statements per group as Polis selects them (select-rep-comments, with its best-agree statement first). */
    public List<List<Repness>> topRepness(int limit) {
        return topRepness(repness, columns, groups.k(), limit);
    }

    /** The same from the repness table, the analysed columns and the number of groups. */
    public static List<List<Repness>> topRepness(Repness[][] repness, int[] columns, int k, int limit) {
        List<List<Repness>> out = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            out.add(Repness.top(ofGroup(repness, columns, g), limit));
        }
        return out;
    }

    /** Polis's best-agree statement of group g, if any (shown first among its representative statements). */
    public java.util.Optional<Repness> bestAgree(int g) {
        return Repness.bestAgree(ofGroup(repness, columns, g));
    }

    static List<Repness> ofGroup(Repness[][] repness, int[] columns, int g) {
        List<Repness> of = new ArrayList<>();
        for (int j : columns) {
            of.add(repness[j][g]);
        }
        return of;
    }

    /** Whether participant i voted on anything at all. */
    public boolean voted(int i) {
        return conversation.votes().votesOf(i) > 0;
    }
}
