package dev.polity.choice;

import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Maximal lotteries (Fishburn, 1984; Brandt, Brill, Seedig and Suksompong, 2017, "Maximal lotteries",
 * Handbook of Computational Social Choice ch. 4): a lottery p with p'M &gt;= 0 for the majority margin
 * matrix M, i.e. an optimal mixed strategy of the symmetric zero-sum game M, found by linear programming
 * (maximise v subject to sum_a p_a M[a][b] &gt;= v for every b, sum p = 1, p &gt;= 0; the value is 0).
 * With an odd number of voters and strict ballots the lottery is unique (Laffond et al., 1997); otherwise
 * the solver returns one optimal vertex. The ranking orders items by probability, then Copeland score,
 * then item order; {@code winners} is the support of the lottery.
 */
final class MaximalLotteries {
    private static final double ZERO = 1e-9;

    private MaximalLotteries() {
    }

    static RuleResult apply(MajorityMatrix m) {
        double[] p = lottery(m);
        int n = m.size();
        double[] cop = m.copelandScores();
        List<Integer> ranking = new ArrayList<>(n);
        List<Integer> winners = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            ranking.add(a);
            if (p[a] > 0) {
                winners.add(a);
            }
        }
        ranking.sort((a, b) -> {
            if (!ScoringRules.same(p[a], p[b])) {
                return Double.compare(p[b], p[a]);
            }
            if (cop[a] != cop[b]) {
                return Double.compare(cop[b], cop[a]);
            }
            return Integer.compare(a, b);
        });
        return new RuleResult(Rule.MAXIMAL_LOTTERIES, ranking, winners, false, p, p, null);
    }

    static double[] lottery(MajorityMatrix m) {
        int n = m.size();
        int cw = m.condorcetWinner();
        double[] p = new double[n];
        if (cw >= 0) {
            p[cw] = 1;
            return p;
        }
        double scale = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                scale = Math.max(scale, Math.abs(m.margin(a, b)));
            }
        }
        if (scale == 0) {
            // every pair is tied, so every lottery is maximal; the uniform one treats all alike
            java.util.Arrays.fill(p, 1.0 / n);
            return p;
        }
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] x = new Variable[n];
        for (int a = 0; a < n; a++) {
            x[a] = model.addVariable("p" + a).lower(0).upper(1);
        }
        Variable v = model.addVariable("v").lower(-1).upper(1).weight(1);
        Expression total = model.addExpression("total").level(1);
        for (int a = 0; a < n; a++) {
            total.set(x[a], 1);
        }
        for (int b = 0; b < n; b++) {
            Expression col = model.addExpression("c" + b).lower(0);
            for (int a = 0; a < n; a++) {
                double mab = m.margin(a, b) / scale;
                if (mab != 0) {
                    col.set(x[a], mab);
                }
            }
            col.set(v, -1);
        }
        Optimisation.Result r = model.maximise();
        if (!r.getState().isFeasible()) {
            throw new IllegalStateException("maximal lotteries: the LP solver reported " + r.getState());
        }
        double sum = 0;
        for (int a = 0; a < n; a++) {
            p[a] = Math.max(0, r.doubleValue(a));
            if (p[a] < ZERO) {
                p[a] = 0;
            }
            sum += p[a];
        }
        for (int a = 0; a < n; a++) {
            p[a] /= sum;
        }
        return p;
    }
}
