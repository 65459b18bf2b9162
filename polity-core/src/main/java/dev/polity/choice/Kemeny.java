package dev.polity.choice;

import java.util.ArrayList;
import java.util.List;

/**
 * Kemeny-Young (Kemeny, 1959; Young and Levenglick, 1978): the ranking with the least total Kendall tau
 * distance to the ballots, i.e. the least weight of pairwise disagreements. Exact, by dynamic programming
 * over subsets (the Held-Karp style recursion used for Kemeny rankings, e.g. Betzler et al., 2009,
 * "Fixed-parameter algorithms for Kemeny rankings", sec. 5): best(S) = min over x in S of the cost of
 * putting x on top of S plus best(S \ {x}). O(2^n n^2) time, O(2^n) memory, so at most 20 alternatives.
 * Among optimal rankings the one earliest in item order (position by position) is returned.
 */
final class Kemeny {
    static final int MAX_ALTERNATIVES = 20;

    private Kemeny() {
    }

    static RuleResult apply(MajorityMatrix m) {
        int n = m.size();
        if (n > MAX_ALTERNATIVES) {
            throw new RuleRefusal("kemeny: the exact method handles at most " + MAX_ALTERNATIVES
                    + " alternatives (it needs 2^n states); this profile has " + n + ". Use schulze or ranked-pairs instead");
        }
        double[][] d = m.raw();
        int full = (1 << n) - 1;
        double[] best = new double[1 << n];
        for (int s = 1; s <= full; s++) {
            double min = Double.POSITIVE_INFINITY;
            for (int rest = s; rest != 0; rest &= rest - 1) {
                int x = Integer.numberOfTrailingZeros(rest);
                double c = best[s & ~(1 << x)] + onTop(d, x, s);
                if (c < min) {
                    min = c;
                }
            }
            best[s] = min;
        }
        List<Integer> ranking = new ArrayList<>(n);
        List<Integer> winners = new ArrayList<>();
        int s = full;
        while (s != 0) {
            int chosen = -1;
            for (int x = 0; x < n; x++) {
                if ((s >> x & 1) == 1 && ScoringRules.same(best[s & ~(1 << x)] + onTop(d, x, s), best[s])) {
                    if (chosen < 0) {
                        chosen = x;
                    }
                    if (s == full) {
                        winners.add(x);
                    }
                }
            }
            ranking.add(chosen);
            s &= ~(1 << chosen);
        }
        return new RuleResult(Rule.KEMENY, ranking, winners, winners.size() > 1, null, null,
                "total Kendall distance " + PrefLibReader.fmt(best[full]));
    }

    /** Disagreements from putting x above every other member of s: the voters who prefer them to x. */
    private static double onTop(double[][] d, int x, int s) {
        double c = 0;
        for (int rest = s & ~(1 << x); rest != 0; rest &= rest - 1) {
            c += d[Integer.numberOfTrailingZeros(rest)][x];
        }
        return c;
    }

    /** Total weighted Kendall tau distance of a ranking to the profile's majority matrix. */
    static double distance(MajorityMatrix m, List<Integer> ranking) {
        double c = 0;
        for (int i = 0; i < ranking.size(); i++) {
            for (int j = i + 1; j < ranking.size(); j++) {
                c += m.prefer(ranking.get(j), ranking.get(i));
            }
        }
        return c;
    }
}
