package dev.polity.deliberation;

/**
 * Votes per statement and opinion group: agrees, disagrees and all votes seen (passes included), over
 * the participants in a group. {@code [statement][group]}.
 */
public record GroupVotes(int[][] agree, int[][] disagree, int[][] seen) {

    public static GroupVotes of(VoteMatrix m, int[] group, int k) {
        int s = m.statements();
        int[][] a = new int[s][k];
        int[][] d = new int[s][k];
        int[][] n = new int[s][k];
        for (int i = 0; i < m.participants(); i++) {
            int g = group[i];
            if (g < 0) {
                continue;
            }
            for (int t = m.rowStart(i); t < m.rowEnd(i); t++) {
                int j = m.rowCol(t);
                byte v = m.rowVote(t);
                n[j][g]++;
                if (v > 0) {
                    a[j][g]++;
                } else if (v < 0) {
                    d[j][g]++;
                }
            }
        }
        return new GroupVotes(a, d, n);
    }

    public int groups() {
        return agree.length == 0 ? 0 : agree[0].length;
    }

    public int pass(int statement, int group) {
        return seen[statement][group] - agree[statement][group] - disagree[statement][group];
    }

    /**
     * Group-informed consensus: the product over groups of the smoothed agree probability
     * (agrees + 1) / (votes + 2) (Polis math, conversation.clj, group-aware-consensus).
     */
    public double consensus(int statement) {
        double p = 1;
        for (int g = 0; g < groups(); g++) {
            p *= (agree[statement][g] + 1.0) / (seen[statement][g] + 2.0);
        }
        return p;
    }

    /** No votes yet, for {@code statements} statements and {@code k} groups. */
    public static GroupVotes none(int statements, int k) {
        return new GroupVotes(new int[statements][k], new int[statements][k], new int[statements][k]);
    }

    /** The votes of two disjoint sets of participants together (partitions of them are counted apart, then added). */
    public GroupVotes plus(GroupVotes o) {
        int s = agree.length;
        int k = groups();
        int[][] a = new int[s][k];
        int[][] d = new int[s][k];
        int[][] n = new int[s][k];
        for (int j = 0; j < s; j++) {
            for (int g = 0; g < k; g++) {
                a[j][g] = agree[j][g] + o.agree[j][g];
                d[j][g] = disagree[j][g] + o.disagree[j][g];
                n[j][g] = seen[j][g] + o.seen[j][g];
            }
        }
        return new GroupVotes(a, d, n);
    }
}
