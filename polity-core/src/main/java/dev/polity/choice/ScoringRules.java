package dev.polity.choice;

import java.util.ArrayList;
import java.util.List;

/** Rules that rank by a score per alternative: plurality, Borda, Copeland. */
final class ScoringRules {
    private ScoringRules() {
    }

    /**
     * Plurality: one vote to each ballot's first choice; a ballot whose first place is a tie of k
     * alternatives gives 1/k to each.
     */
    static RuleResult plurality(Profile p) {
        double[] s = new double[p.size()];
        for (Ballot b : p.ballots()) {
            if (b.tiers().length == 0) {
                continue;
            }
            int[] top = b.tiers()[0];
            for (int a : top) {
                s[a] += b.count() / top.length;
            }
        }
        return byScore(Rule.PLURALITY, s, null);
    }

    /**
     * Borda (de Borda, 1781), in its symmetric form for ties and truncated ballots: an alternative gets one
     * point per alternative ranked below it and half a point per alternative tied with it (unranked ones are
     * tied at the bottom). Summed over voters this is sum_b (V + margin(a, b)) / 2.
     */
    static RuleResult borda(MajorityMatrix m, double voters) {
        int n = m.size();
        double[] s = new double[n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b) {
                    s[a] += (voters + m.margin(a, b)) / 2;
                }
            }
        }
        return byScore(Rule.BORDA, s, null);
    }

    /** Ranks by score, highest first; equal scores (within rounding) go in item order. */
    static RuleResult byScore(Rule rule, double[] s, String note) {
        List<Integer> ranking = rankByScore(s);
        double top = s[ranking.get(0)];
        List<Integer> winners = new ArrayList<>();
        for (int a = 0; a < s.length; a++) {
            if (same(s[a], top)) {
                winners.add(a);
            }
        }
        return new RuleResult(rule, ranking, winners, winners.size() > 1, s.clone(), null, note);
    }

    static List<Integer> rankByScore(double[] s) {
        List<Integer> ranking = new ArrayList<>(s.length);
        double[] key = new double[s.length];
        for (int a = 0; a < s.length; a++) {
            ranking.add(a);
            key[a] = key(s[a]);
        }
        ranking.sort((a, b) -> key[a] == key[b] ? Integer.compare(a, b) : Double.compare(key[b], key[a]));
        return ranking;
    }

    /** Scores equal up to 1e-9 (sums of fractional votes round differently) count as a tie. */
    static boolean same(double x, double y) {
        return key(x) == key(y);
    }

    /** Rounds to a 1e-9 grid so that "equal" is transitive and sorting stays consistent. */
    private static double key(double s) {
        return Double.isInfinite(s) || Math.abs(s) > 1e6 ? s : Math.rint(s * 1e9) / 1e9;
    }
}
