package dev.polity.choice;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code n[a][b]}: the weight of voters who rank a strictly above b. Ranked alternatives beat unranked ones;
 * tied or both-unranked pairs count for neither. The Condorcet-style rules, Borda and Kemeny all read it.
 */
public final class MajorityMatrix {
    private final double[][] n;

    public MajorityMatrix(double[][] n) {
        this.n = new double[n.length][];
        for (int i = 0; i < n.length; i++) {
            this.n[i] = n[i].clone();
        }
    }

    public static MajorityMatrix of(Profile p) {
        int m = p.size();
        double[][] n = new double[m][m];
        for (Ballot b : p.ballots()) {
            int[] pos = b.positions(m);
            double c = b.count();
            for (int a = 0; a < m; a++) {
                double[] row = n[a];
                int pa = pos[a];
                for (int x = 0; x < m; x++) {
                    if (pa < pos[x]) {
                        row[x] += c;
                    }
                }
            }
        }
        return new MajorityMatrix(n);
    }

    /** The matrix of pairwise comparisons: each pair's wins, as Bradley-Terry counts them, for the rules that read only the majority matrix. */
    public static MajorityMatrix of(PairCounts c) {
        double[][] n = new double[c.items()][c.items()];
        for (int p = 0; p < c.pairs(); p++) {
            n[c.first()[p]][c.second()[p]] += c.firstWins()[p];
            n[c.second()[p]][c.first()[p]] += c.secondWins()[p];
        }
        return new MajorityMatrix(n);
    }

    /**
     * The voters a matrix of pairwise comparisons stands for, where no ballots say (Borda needs it): the
     * most comparisons of any one pair.
     */
    public double largestPairTotal() {
        double voters = 0;
        for (int a = 0; a < n.length; a++) {
            for (int b = a + 1; b < n.length; b++) {
                voters = Math.max(voters, n[a][b] + n[b][a]);
            }
        }
        return voters;
    }

    public int size() {
        return n.length;
    }

    public double prefer(int a, int b) {
        return n[a][b];
    }

    public double margin(int a, int b) {
        return n[a][b] - n[b][a];
    }

    public boolean beats(int a, int b) {
        return n[a][b] > n[b][a];
    }

    double[][] raw() {
        return n;
    }

    /** The alternative that beats every other one head to head, or -1 (Condorcet, 1785). */
    public int condorcetWinner() {
        for (int a = 0; a < n.length; a++) {
            boolean all = true;
            for (int b = 0; b < n.length && all; b++) {
                all = a == b || beats(a, b);
            }
            if (all) {
                return a;
            }
        }
        return -1;
    }

    /** The alternative that loses to every other one head to head, or -1. */
    public int condorcetLoser() {
        for (int a = 0; a < n.length; a++) {
            boolean all = true;
            for (int b = 0; b < n.length && all; b++) {
                all = a == b || beats(b, a);
            }
            if (all) {
                return a;
            }
        }
        return -1;
    }

    /** Copeland score: 1 per head-to-head win, 1/2 per tie (Copeland, 1951). */
    public double[] copelandScores() {
        double[] s = new double[n.length];
        for (int a = 0; a < n.length; a++) {
            for (int b = 0; b < n.length; b++) {
                if (a != b) {
                    double d = margin(a, b);
                    s[a] += d > 0 ? 1 : d == 0 ? 0.5 : 0;
                }
            }
        }
        return s;
    }

    /**
     * The Smith set: the smallest non-empty set whose members all beat every outsider (Smith, 1973). Its
     * members have strictly higher Copeland scores than any outsider, so it is the shortest prefix of the
     * Copeland order that beats everything after it; found in O(n^2) that way.
     */
    public List<Integer> smithSet() {
        int m = n.length;
        double[] cop = copelandScores();
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(cop[b], cop[a]));
        int[] pos = new int[m];
        for (int i = 0; i < m; i++) {
            pos[order[i]] = i;
        }
        // firstNonBeater[j]: the earliest position of an alternative that does not beat j
        int[] firstNonBeater = new int[m];
        for (int j = 0; j < m; j++) {
            int best = m;
            for (int i = 0; i < m; i++) {
                if (i != j && !beats(i, j) && pos[i] < best) {
                    best = pos[i];
                }
            }
            firstNonBeater[pos[j]] = best;
        }
        // smallest k such that every alternative at position >= k is beaten by all of the first k
        int[] suffixMin = new int[m + 1];
        suffixMin[m] = Integer.MAX_VALUE;
        for (int q = m - 1; q >= 0; q--) {
            suffixMin[q] = Math.min(suffixMin[q + 1], firstNonBeater[q]);
        }
        int k = m;
        for (int size = 1; size < m; size++) {
            if (suffixMin[size] >= size) {
                k = size;
                break;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(order[i]);
        }
        out.sort(null);
        return out;
    }

    /** Whether the strict majority relation has a cycle (a top cycle or one lower down). */
    public boolean hasMajorityCycle() {
        int m = n.length;
        int[] indeg = new int[m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                if (beats(a, b)) {
                    indeg[b]++;
                }
            }
        }
        java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
        for (int a = 0; a < m; a++) {
            if (indeg[a] == 0) {
                q.add(a);
            }
        }
        int seen = 0;
        while (!q.isEmpty()) {
            int a = q.poll();
            seen++;
            for (int b = 0; b < m; b++) {
                if (beats(a, b) && --indeg[b] == 0) {
                    q.add(b);
                }
            }
        }
        return seen < m;
    }
}
