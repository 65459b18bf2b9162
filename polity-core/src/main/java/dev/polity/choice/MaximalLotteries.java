package dev.polity.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Maximal lotteries (Fishburn, 1984; Brandl, Brandt and Seedig, 2016, "Consistent probabilistic social
 * choice", Econometrica 84(5); Brandt, Brill, Seedig and Suksompong, 2017, Handbook of Computational Social
 * Choice ch. 4): the lotteries p with p'M &gt;= 0 for the majority margin matrix M, i.e. the optimal mixed
 * strategies of the symmetric zero-sum game M (its value is 0). With an odd number of voters and strict
 * ballots there is exactly one (Laffond, Laslier and Le Breton, 1997); otherwise they may form a face of
 * the simplex (the exact tie 5: 1,2,3 / 5: 2,1,3 admits every mix of 1 and 2), and the vertex an LP solver
 * returns would be an arbitrary pick. Polity reports the one maximal lottery closest to the uniform lottery
 * (least squares: the Euclidean projection of the uniform lottery onto the set). It is unique (a strictly
 * convex objective over a convex set), so it does not depend on the solver's path, and neutral:
 * alternatives the profile treats alike get the same probability, which spreads the mass as evenly as the
 * majority margins allow. (Maximising the least probability, or averaging per-alternative LP optima, need
 * not give a unique point.)
 * <p>
 * How: one LP finds a maximal lottery p0. Every maximal lottery ties each alternative p0 plays and plays
 * nothing p0 beats (complementary slackness), so the set lives on p0's support and the alternatives p0
 * ties, in the directions that keep the support's ties (a null space, by SVD). When there are none, p0 is
 * the only one; else a small convex QP in those directions finds the point closest to uniform. Posing the
 * QP over the whole simplex instead left the solver facing a degenerate point and it did not finish.
 * <p>
 * The ranking orders items by probability, then Copeland score, then item order; {@code winners} is the
 * support of the lottery; {@code tieBroken} says several items share the highest probability.
 */
final class MaximalLotteries {
    /** Probabilities below this are 0. */
    private static final double ZERO = 1e-9;
    /** Margins are scaled to at most 1: a lottery within this of tying an alternative ties it. */
    private static final double TIED = 1e-9;

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
        boolean tieBroken = n > 1 && ScoringRules.same(p[ranking.get(0)], p[ranking.get(1)]);
        return new RuleResult(Rule.MAXIMAL_LOTTERIES, ranking, winners, tieBroken, p, p, null);
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
            Arrays.fill(p, 1.0 / n);
            return p;
        }
        double[][] g = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                g[a][b] = m.margin(a, b) / scale;
            }
        }
        double[] p0 = anyMaximal(g);
        List<Integer> support = new ArrayList<>();
        List<Integer> reach = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            if (p0[a] > 0) {
                support.add(a);
                reach.add(a);
            } else if (Math.abs(against(p0, g, a)) <= TIED) {
                reach.add(a);
            }
        }
        int[] e = reach.stream().mapToInt(Integer::intValue).toArray();
        double[][] directions = directions(g, support, e);
        return directions.length == 0 ? p0 : closestToUniform(g, support, e, p0, directions);
    }

    /** A maximal lottery, a vertex of the set: the LP maximise v subject to p'G &gt;= v, sum p = 1, p &gt;= 0. */
    private static double[] anyMaximal(double[][] g) {
        int n = g.length;
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
                if (g[a][b] != 0) {
                    col.set(x[a], g[a][b]);
                }
            }
            col.set(v, -1);
        }
        Optimisation.Result r = solved(model.maximise());
        double[] p = new double[n];
        for (int a = 0; a < n; a++) {
            p[a] = Math.max(0, r.doubleValue(a));
        }
        return normalised(p);
    }

    /** What lottery p wins against alternative b on the scaled margins. */
    private static double against(double[] p, double[][] g, int b) {
        double sum = 0;
        for (int a = 0; a < p.length; a++) {
            sum += p[a] * g[a][b];
        }
        return sum;
    }

    /**
     * Orthonormal directions d over the alternatives {@code e} in which a maximal lottery may move: d'G ties
     * every alternative of the support and d sums to 0. None when the maximal lottery is unique.
     */
    private static double[][] directions(double[][] g, List<Integer> support, int[] e) {
        int k = e.length;
        // rows d'G e_b for b in the support, then the sum; zero rows pad it to a square, so that V spans every direction
        double[][] rows = new double[Math.max(k, support.size() + 1)][k];
        for (int i = 0; i < support.size(); i++) {
            for (int j = 0; j < k; j++) {
                rows[i][j] = g[e[j]][support.get(i)];
            }
        }
        Arrays.fill(rows[support.size()], 1);
        SingularValue<Double> svd = SingularValue.R064.make(rows.length, k);
        svd.decompose(R064Store.FACTORY.rows(rows));
        double[] sigma = new double[k];
        svd.getSingularValues(sigma);
        MatrixStore<Double> v = svd.getV();
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (sigma[j] <= TIED) {
                double[] d = new double[k];
                for (int i = 0; i < k; i++) {
                    d[i] = v.doubleValue(i, j);
                }
                out.add(d);
            }
        }
        return out.toArray(new double[0][]);
    }

    /**
     * The maximal lottery closest to uniform: p0 + D z for the z that minimises |p0 + D z|^2, keeping the
     * lottery non-negative and no alternative outside the support beating it. D has orthonormal columns, so
     * this is the point of the polyhedron {z : A z &gt;= c} nearest to w = -D'p0: with x = z - w, the
     * shortest x with A x &gt;= c - A w (least distance programming). ojAlgo's QP solver stalled at the
     * degenerate starting points this problem has (several constraints tight at p0), so this uses
     * Lawson and Hanson's finite active-set method instead.
     */
    private static double[] closestToUniform(double[][] g, List<Integer> support, int[] e, double[] p0, double[][] d) {
        int n = g.length;
        int k = e.length;
        int dims = d.length;
        List<double[]> rows = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double[] row = new double[dims];
            for (int j = 0; j < dims; j++) {
                row[j] = d[j][i];
            }
            rows.add(row);
            bounds.add(-p0[e[i]]);
        }
        for (int b = 0; b < n; b++) {
            if (support.contains(b)) {
                continue; // every direction of D keeps this tie
            }
            double[] row = new double[dims];
            for (int j = 0; j < dims; j++) {
                for (int i = 0; i < k; i++) {
                    row[j] += d[j][i] * g[e[i]][b];
                }
            }
            rows.add(row);
            bounds.add(-against(p0, g, b));
        }
        double[] w = new double[dims];
        for (int j = 0; j < dims; j++) {
            for (int i = 0; i < k; i++) {
                w[j] -= d[j][i] * p0[e[i]];
            }
        }
        double[][] a = rows.toArray(new double[0][]);
        double[] h = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            h[r] = bounds.get(r);
            for (int j = 0; j < dims; j++) {
                h[r] -= a[r][j] * w[j];
            }
        }
        double[] x = LeastDistance.solve(a, h);
        double[] p = new double[n];
        for (int i = 0; i < k; i++) {
            double v = p0[e[i]];
            for (int j = 0; j < dims; j++) {
                v += d[j][i] * (x[j] + w[j]);
            }
            p[e[i]] = Math.max(0, v);
        }
        return normalised(p);
    }

    private static Optimisation.Result solved(Optimisation.Result r) {
        if (!r.getState().isFeasible()) {
            throw new IllegalStateException("maximal lotteries: the solver reported " + r.getState());
        }
        return r;
    }

    /** Probabilities below {@link #ZERO} become 0, and the rest sum to 1. */
    private static double[] normalised(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double[] p = new double[x.length];
        double kept = 0;
        for (int a = 0; a < x.length; a++) {
            p[a] = x[a] / sum < ZERO ? 0 : x[a];
            kept += p[a];
        }
        for (int a = 0; a < x.length; a++) {
            p[a] /= kept;
        }
        return p;
    }
}
