package dev.polity.choice;

import java.util.ArrayList;
import java.util.List;

/**
 * Schulze's beatpath method (Schulze, 2011, "A new monotonic, clone-independent, reversal symmetric, and
 * Condorcet-consistent single-winner election method", Soc. Choice Welf., sec. 2.2): link strength is the
 * winning votes d[a][b] when a beats b, widest paths by a Floyd-Warshall variant, and a ranks above b
 * when p[a][b] &gt; p[b][a] (a strict partial order, sec. 4.1). Ties in that order go by item order.
 */
final class Schulze {
    private Schulze() {
    }

    static RuleResult apply(MajorityMatrix m) {
        double[][] p = widestPaths(m);
        int n = m.size();
        double[] beaten = new double[n];
        List<Integer> winners = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            boolean unbeaten = true;
            for (int b = 0; b < n; b++) {
                if (a != b && p[a][b] > p[b][a]) {
                    beaten[a]++;
                } else if (a != b && p[b][a] > p[a][b]) {
                    unbeaten = false;
                }
            }
            if (unbeaten) {
                winners.add(a);
            }
        }
        // the order is transitive, so the number of alternatives each one beats is a linear extension of it
        List<Integer> ranking = ScoringRules.rankByScore(beaten);
        return new RuleResult(Rule.SCHULZE, ranking, winners, winners.size() > 1, beaten, null, null);
    }

    static double[][] widestPaths(MajorityMatrix m) {
        int n = m.size();
        double[][] d = m.raw();
        double[][] p = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                p[a][b] = a != b && d[a][b] > d[b][a] ? d[a][b] : 0;
            }
        }
        // k outermost so that row k is fixed during the pass; the inner loop is branch-free for the JIT
        for (int k = 0; k < n; k++) {
            double[] pk = p[k];
            for (int i = 0; i < n; i++) {
                if (i == k) {
                    continue;
                }
                double[] pi = p[i];
                double pik = pi[k];
                if (pik == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    pi[j] = Math.max(pi[j], Math.min(pk[j], pik));
                }
            }
        }
        for (int a = 0; a < n; a++) {
            p[a][a] = 0;
        }
        return p;
    }
}
