package dev.polity.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sufficient statistics of a Luce choice model: choice c picked {@code members[start[c]]} from the set
 * {@code members[start[c] .. start[c+1])}, {@code weight[c]} times. Bradley-Terry is the special case of
 * two-element sets (Hunter, 2004, sec. 2); Plackett-Luce splits each ranking into successive choices
 * (Hunter, 2004, sec. 5; Luce, 1959).
 */
public record Choices(int items, int[] start, int[] members, double[] weight) {

    public int size() {
        return weight.length;
    }

    public Choices withWeights(double[] w) {
        return new Choices(items, start, members, w);
    }

    public boolean pairwise() {
        return members.length == 2L * weight.length;
    }

    public double total() {
        double t = 0;
        for (double w : weight) {
            t += w;
        }
        return t;
    }

    /** Bradley-Terry: each side of each pair that won at least once is one choice from the pair. */
    public static Choices of(PairCounts c) {
        int m = 0;
        for (int p = 0; p < c.pairs(); p++) {
            m += (c.firstWins()[p] > 0 ? 1 : 0) + (c.secondWins()[p] > 0 ? 1 : 0);
        }
        int[] start = new int[m + 1];
        int[] members = new int[2 * m];
        double[] weight = new double[m];
        int k = 0;
        for (int p = 0; p < c.pairs(); p++) {
            if (c.firstWins()[p] > 0) {
                members[2 * k] = c.first()[p];
                members[2 * k + 1] = c.second()[p];
                weight[k++] = c.firstWins()[p];
            }
            if (c.secondWins()[p] > 0) {
                members[2 * k] = c.second()[p];
                members[2 * k + 1] = c.first()[p];
                weight[k++] = c.secondWins()[p];
            }
        }
        for (int i = 0; i <= m; i++) {
            start[i] = 2 * i;
        }
        return new Choices(c.items(), start, members, weight);
    }

    /**
     * Plackett-Luce: a ballot a &gt; b &gt; c over {a..e} is the choices a from {a..e}, b from {b..e}, c from {c,d,e}.
     * Unranked alternatives stay in every choice set. A tied place ends what the ballot says about order
     * (the likelihood of a tie is not defined by the model), so the choices stop before it.
     */
    public static Choices of(Profile p) {
        int n = p.size();
        List<int[]> sets = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Ballot b : p.ballots()) {
            boolean[] gone = new boolean[n];
            int remaining = n;
            for (int[] tier : b.tiers()) {
                if (tier.length != 1 || remaining < 2) {
                    break;
                }
                int w = tier[0];
                int[] set = new int[remaining];
                set[0] = w;
                int k = 1;
                for (int a = 0; a < n; a++) {
                    if (!gone[a] && a != w) {
                        set[k++] = a;
                    }
                }
                sets.add(set);
                weights.add(b.count());
                gone[w] = true;
                remaining--;
            }
        }
        int[] start = new int[sets.size() + 1];
        for (int c = 0; c < sets.size(); c++) {
            start[c + 1] = start[c] + sets.get(c).length;
        }
        int[] members = new int[start[sets.size()]];
        for (int c = 0; c < sets.size(); c++) {
            System.arraycopy(sets.get(c), 0, members, start[c], sets.get(c).length);
        }
        return new Choices(n, start, members, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Items that never won or never lost a choice, when the comparison graph is not strongly connected. */
    public List<Integer> disconnected() {
        // edges loser -> winner; ML exists iff this graph is strongly connected (Hunter, 2004, assumption 1)
        int[] outDeg = new int[items];
        int[] inDeg = new int[items];
        for (int c = 0; c < size(); c++) {
            if (!(weight[c] > 0)) {
                continue; // a choice made zero times (a bootstrap resample leaves many) is no evidence
            }
            int w = members[start[c]];
            for (int s = start[c] + 1; s < start[c + 1]; s++) {
                outDeg[members[s]]++;
                inDeg[w]++;
            }
        }
        int[][] fwd = new int[items][];
        int[][] bwd = new int[items][];
        for (int i = 0; i < items; i++) {
            fwd[i] = new int[outDeg[i]];
            bwd[i] = new int[inDeg[i]];
        }
        int[] fo = new int[items];
        int[] bo = new int[items];
        for (int c = 0; c < size(); c++) {
            if (!(weight[c] > 0)) {
                continue;
            }
            int w = members[start[c]];
            for (int s = start[c] + 1; s < start[c + 1]; s++) {
                fwd[members[s]][fo[members[s]]++] = w;
                bwd[w][bo[w]++] = members[s];
            }
        }
        boolean[] a = reach(fwd);
        boolean[] b = reach(bwd);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            if (!a[i] || !b[i]) {
                out.add(i);
            }
        }
        return out;
    }

    private boolean[] reach(int[][] adj) {
        boolean[] seen = new boolean[items];
        if (items == 0) {
            return seen;
        }
        int[] stack = new int[items];
        int top = 0;
        stack[top++] = 0;
        seen[0] = true;
        while (top > 0) {
            int v = stack[--top];
            for (int u : adj[v]) {
                if (!seen[u]) {
                    seen[u] = true;
                    stack[top++] = u;
                }
            }
        }
        return seen;
    }

    @Override
    public String toString() {
        return "Choices[" + items + " items, " + size() + " choices, " + Arrays.stream(weight).sum() + " weight]";
    }
}
