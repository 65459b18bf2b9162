package dev.polity.choice;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Ranked pairs (Tideman, 1987, "Independence of clones as a criterion for voting rules", Soc. Choice
 * Welf., sec. 4): majorities sorted by margin, largest first, each locked in unless it closes a cycle.
 * Equal margins are taken in item order of the winner, then of the loser (a fixed tie-breaking ranking as
 * in Zavist and Tideman, 1989). The tie-break is reported when it mattered: a pair was rejected only
 * because of another pair with the same margin, or several alternatives were left unbeaten.
 */
final class RankedPairs {
    private RankedPairs() {
    }

    static RuleResult apply(MajorityMatrix m) {
        int n = m.size();
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b && m.margin(a, b) > 0) {
                    pairs.add(new int[] {a, b});
                }
            }
        }
        pairs.sort((x, y) -> {
            int c = Double.compare(m.margin(y[0], y[1]), m.margin(x[0], x[1]));
            return c != 0 ? c : x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
        });
        BitSet[] reach = new BitSet[n];
        for (int a = 0; a < n; a++) {
            reach[a] = new BitSet(n);
        }
        boolean[][] locked = new boolean[n][n];
        boolean tieMattered = false;
        int i = 0;
        while (i < pairs.size()) {
            int j = i;
            double margin = m.margin(pairs.get(i)[0], pairs.get(i)[1]);
            while (j < pairs.size() && m.margin(pairs.get(j)[0], pairs.get(j)[1]) == margin) {
                j++;
            }
            BitSet[] before = j - i > 1 ? copy(reach) : null;
            for (int k = i; k < j; k++) {
                int a = pairs.get(k)[0];
                int b = pairs.get(k)[1];
                if (reach[b].get(a)) {
                    if (before != null && !before[b].get(a)) {
                        tieMattered = true;
                    }
                    continue;
                }
                locked[a][b] = true;
                BitSet add = (BitSet) reach[b].clone();
                add.set(b);
                for (int u = 0; u < n; u++) {
                    if (u == a || reach[u].get(a)) {
                        reach[u].or(add);
                    }
                }
            }
            i = j;
        }
        // topological order of the locked graph, smallest item first among the free ones
        int[] indeg = new int[n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (locked[a][b]) {
                    indeg[b]++;
                }
            }
        }
        List<Integer> winners = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            if (indeg[a] == 0) {
                winners.add(a);
            }
        }
        java.util.PriorityQueue<Integer> free = new java.util.PriorityQueue<>(winners);
        List<Integer> ranking = new ArrayList<>(n);
        while (!free.isEmpty()) {
            int a = free.poll();
            ranking.add(a);
            for (int b = 0; b < n; b++) {
                if (locked[a][b] && --indeg[b] == 0) {
                    free.add(b);
                }
            }
        }
        return new RuleResult(Rule.RANKED_PAIRS, ranking, winners, winners.size() > 1 || tieMattered, null, null,
                tieMattered ? "equal margins conflicted; locked in item order" : null);
    }

    private static BitSet[] copy(BitSet[] r) {
        BitSet[] c = new BitSet[r.length];
        for (int i = 0; i < r.length; i++) {
            c[i] = (BitSet) r[i].clone();
        }
        return c;
    }
}
