package dev.polity.judge.learn;

import java.util.Arrays;

/**
 * A shared linear model plus one head per group of raters, each head shrunk towards the shared one:
 * regularised multi-task learning (Evgeniou and Pontil, 2004, "Regularized multi-task learning", KDD, eq. 3).
 * Head g scores {@code b_g + z·(w + v_g)}; the fit minimises
 * {@code Σ_i c_i ℓ(y_i, f_{g(i)}(z_i)) + ½λ‖w‖² + ½Σ_g μ_g‖v_g‖²}, so a group with few ratings stays near the
 * shared model (it borrows strength) and a large one may move away. The loss is squared for ratings
 * ({@code ℓ = ½(f − y)²}, a hierarchical ridge) or logistic for pairwise comparisons ({@code y ∈ {0, 1}} on
 * feature differences without intercepts: a Bradley-Terry head per group). Solved by Newton's method whose
 * steps are found by Jacobi-preconditioned conjugate gradients on Hessian-vector products (Nocedal and
 * Wright, 2006, "Numerical Optimization", §7.1, Newton-CG), which for the squared loss is one exact step.
 * Deterministic: zero start, fixed tolerances, no parallelism.
 */
public final class GroupHeads {
    private static final int MAX_NEWTON = 50;
    private static final double CG_TOLERANCE = 1e-10;
    private static final double NEWTON_TOLERANCE = 1e-8;

    private GroupHeads() {
    }

    /** The loss of one example: its value, slope and curvature in the prediction {@code f}. */
    public enum Loss {
        /** ½(f − y)²: ratings. */
        SQUARED,
        /** log(1 + e^f) − y f: y ∈ {0, 1}, e.g. whether the first of a pair was preferred. */
        LOGISTIC;

        public double value(double f, double y) {
            if (this == SQUARED) {
                return 0.5 * (f - y) * (f - y);
            }
            return (f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f))) - y * f;
        }

        double slope(double f, double y) {
            return this == SQUARED ? f - y : sigmoid(f) - y;
        }

        double curvature(double f) {
            if (this == SQUARED) {
                return 1;
            }
            double p = sigmoid(f);
            return p * (1 - p);
        }
    }

    static double sigmoid(double f) {
        return f >= 0 ? 1 / (1 + Math.exp(-f)) : Math.exp(f) / (1 + Math.exp(f));
    }

    /**
     * What to fit: feature vectors per unit (a text, a pair of answers) and examples that each say which
     * unit, which group, the target and the weight. One unit may carry an example per group that judged it.
     *
     * @param z      standardised features, one row per unit
     * @param unit   the unit of each example
     * @param group  the group of each example, {@code 0..groups-1}
     * @param y      the target of each example (a rating; or 1 when the first of the pair won, 0 when the second)
     * @param weight each example's weight (e.g. how many ratings its target averages)
     */
    public record Examples(double[][] z, int[] unit, int[] group, double[] y, double[] weight, int groups) {
        public Examples {
            if (unit.length != group.length || unit.length != y.length || unit.length != weight.length) {
                throw new IllegalArgumentException("examples need a unit, group, target and weight each");
            }
            if (z.length == 0 || unit.length == 0) {
                throw new IllegalArgumentException("no examples to fit");
            }
        }

        int size() {
            return y.length;
        }

        int dimension() {
            return z[0].length;
        }

        /** The total weight of each group's examples. */
        public double[] groupWeights() {
            double[] t = new double[groups];
            for (int i = 0; i < size(); i++) {
                t[group[i]] += weight[i];
            }
            return t;
        }

        Examples only(boolean[] keep) {
            int n = 0;
            for (int i = 0; i < size(); i++) {
                n += keep[i] ? 1 : 0;
            }
            int[] u = new int[n];
            int[] g = new int[n];
            double[] yy = new double[n];
            double[] c = new double[n];
            int k = 0;
            for (int i = 0; i < size(); i++) {
                if (keep[i]) {
                    u[k] = unit[i];
                    g[k] = group[i];
                    yy[k] = y[i];
                    c[k++] = weight[i];
                }
            }
            return new Examples(z, u, g, yy, c, groups);
        }
    }

    /**
     * The fitted heads: {@code heads[g] = w + v_g} with bias {@code bias[g]}, and the shared model {@code w}
     * with the weighted mean of the group biases (what a rater of no known group gets).
     */
    public record Fit(double[] shared, double sharedBias, double[][] heads, double[] bias) {
        public double head(int g, double[] z) {
            return bias[g] + dot(heads[g], z);
        }

        public double shared(double[] z) {
            return sharedBias + dot(shared, z);
        }
    }

    /**
     * Fits the heads with shared penalty {@code lambda} and head penalties {@code mu} (one per group).
     *
     * @param intercept whether each head has its own unpenalised bias (ratings: yes; pairwise differences: no)
     */
    public static Fit fit(Examples ex, Loss loss, boolean intercept, double lambda, double[] mu) {
        return unpack(ex, solve(ex, loss, intercept, lambda, mu, null), intercept);
    }

    /**
     * How the head penalties were chosen by k-fold cross-validation over units (a unit's examples stay in
     * one fold), from a grid of penalties tried for every group at once.
     *
     * @param penalties  the chosen penalty of each group
     * @param grid       the penalties tried
     * @param loss       the weighted out-of-fold loss per penalty tried and group, divided by the group's weight
     * @param outOfFold  {@code [g][u]}: head g's out-of-fold prediction for unit u at the group's chosen penalty
     */
    public record Selection(double[] penalties, double[] grid, double[][] loss, double[][] outOfFold) {
    }

    /**
     * Chooses the head penalties from {@code grid} by {@code folds}-fold cross-validation over units: a group
     * with at least {@code ownFrom} examples gets the penalty with its own least out-of-fold loss; the others
     * (too few to tell penalties apart) share the one with the least loss over all groups. {@code ownFrom} 0:
     * every group chooses; {@link Integer#MAX_VALUE}: one penalty for all.
     */
    public static Selection choose(Examples ex, Loss loss, boolean intercept, double lambda, double[] grid, int ownFrom,
                                   int folds, long seed) {
        int units = ex.z().length;
        int[] foldOfUnit = Folds.assign(units, folds, seed);
        int groups = ex.groups();
        double[][] cvLoss = new double[grid.length][groups];
        double[][][] predicted = new double[grid.length][groups][units];
        for (int k = 0; k < folds; k++) {
            boolean[] train = new boolean[ex.size()];
            for (int i = 0; i < ex.size(); i++) {
                train[i] = foldOfUnit[ex.unit()[i]] != k;
            }
            Examples part = ex.only(train);
            double[] start = null;
            for (int m = 0; m < grid.length; m++) {
                double[] mu = new double[groups];
                Arrays.fill(mu, grid[m]);
                start = solve(part, loss, intercept, lambda, mu, start);
                Fit f = unpack(part, start, intercept);
                for (int u = 0; u < units; u++) {
                    if (foldOfUnit[u] == k) {
                        for (int g = 0; g < groups; g++) {
                            predicted[m][g][u] = f.head(g, ex.z()[u]);
                        }
                    }
                }
                for (int i = 0; i < ex.size(); i++) {
                    if (!train[i]) {
                        int g = ex.group()[i];
                        cvLoss[m][g] += ex.weight()[i] * loss.value(predicted[m][g][ex.unit()[i]], ex.y()[i]);
                    }
                }
            }
        }
        double[] total = ex.groupWeights();
        for (double[] row : cvLoss) {
            for (int g = 0; g < groups; g++) {
                row[g] = total[g] > 0 ? row[g] / total[g] : 0;
            }
        }
        int best = argmin(grid.length, m -> {
            double t = 0;
            for (int g = 0; g < groups; g++) {
                t += cvLoss[m][g] * total[g];
            }
            return t;
        });
        int[] examples = new int[groups];
        for (int g : ex.group()) {
            examples[g]++;
        }
        int[] chosen = new int[groups];
        for (int g = 0; g < groups; g++) {
            int group = g;
            chosen[g] = examples[g] >= ownFrom ? argmin(grid.length, m -> cvLoss[m][group]) : best;
        }
        double[] penalties = new double[groups];
        double[][] oof = new double[groups][];
        for (int g = 0; g < groups; g++) {
            penalties[g] = grid[chosen[g]];
            oof[g] = predicted[chosen[g]][g];
        }
        return new Selection(penalties, grid.clone(), cvLoss, oof);
    }

    /** The first index with the least value: ties go to the earlier (smaller) grid value. */
    private static int argmin(int n, java.util.function.IntToDoubleFunction value) {
        int best = 0;
        for (int m = 1; m < n; m++) {
            if (value.applyAsDouble(m) < value.applyAsDouble(best)) {
                best = m;
            }
        }
        return best;
    }

    /** θ = [w | v_0 … v_{G-1} | b_0 … b_{G-1}], Newton-CG from {@code start} (null: zero). */
    static double[] solve(Examples ex, Loss loss, boolean intercept, double lambda, double[] mu, double[] start) {
        int d = ex.dimension();
        int groups = ex.groups();
        Layout at = new Layout(d, groups);
        double[] theta = start == null ? new double[at.size()] : start.clone();
        double[] f = new double[ex.size()];
        double[] h = new double[ex.size()];
        double firstNorm = -1;
        for (int iteration = 0; iteration < MAX_NEWTON; iteration++) {
            predict(ex, at, theta, f);
            double[] grad = gradient(ex, at, loss, intercept, lambda, mu, theta, f);
            double norm = Math.sqrt(dot(grad, grad));
            if (firstNorm < 0) {
                firstNorm = norm;
            }
            if (norm <= NEWTON_TOLERANCE * (1 + firstNorm)) {
                break;
            }
            for (int i = 0; i < ex.size(); i++) {
                h[i] = ex.weight()[i] * loss.curvature(f[i]);
            }
            double[] minus = new double[grad.length];
            for (int j = 0; j < grad.length; j++) {
                minus[j] = -grad[j];
            }
            double[] step = conjugateGradient(ex, at, h, intercept, lambda, mu, minus);
            if (loss == Loss.SQUARED) {
                add(theta, step, 1);
                continue;
            }
            // Backtracking (Armijo) keeps every logistic step a descent (Nocedal and Wright, 2006, Alg. 3.1).
            double before = objective(ex, at, loss, lambda, mu, theta, f);
            double slope = dot(grad, step);
            double t = 1;
            double[] trial = new double[theta.length];
            while (true) {
                System.arraycopy(theta, 0, trial, 0, theta.length);
                add(trial, step, t);
                predict(ex, at, trial, f);
                if (objective(ex, at, loss, lambda, mu, trial, f) <= before + 1e-4 * t * slope || t < 1e-10) {
                    break;
                }
                t /= 2;
            }
            System.arraycopy(trial, 0, theta, 0, theta.length);
        }
        return theta;
    }

    /** Where w, each v_g and the biases sit in θ. */
    private record Layout(int d, int groups) {
        int head(int g) {
            return (g + 1) * d;
        }

        int bias(int g) {
            return (groups + 1) * d + g;
        }

        int size() {
            return (groups + 1) * d + groups;
        }
    }

    private static void predict(Examples ex, Layout at, double[] theta, double[] f) {
        int d = at.d();
        double[][] head = new double[at.groups()][d];
        for (int g = 0; g < at.groups(); g++) {
            for (int j = 0; j < d; j++) {
                head[g][j] = theta[j] + theta[at.head(g) + j];
            }
        }
        for (int i = 0; i < ex.size(); i++) {
            int g = ex.group()[i];
            f[i] = theta[at.bias(g)] + dot(head[g], ex.z()[ex.unit()[i]]);
        }
    }

    private static double objective(Examples ex, Layout at, Loss loss, double lambda, double[] mu, double[] theta, double[] f) {
        double s = 0;
        for (int i = 0; i < ex.size(); i++) {
            s += ex.weight()[i] * loss.value(f[i], ex.y()[i]);
        }
        int d = at.d();
        for (int j = 0; j < d; j++) {
            s += 0.5 * lambda * theta[j] * theta[j];
        }
        for (int g = 0; g < at.groups(); g++) {
            for (int j = 0; j < d; j++) {
                double v = theta[at.head(g) + j];
                s += 0.5 * mu[g] * v * v;
            }
        }
        return s;
    }

    private static double[] gradient(Examples ex, Layout at, Loss loss, boolean intercept, double lambda, double[] mu, double[] theta, double[] f) {
        double[] r = new double[ex.size()];
        for (int i = 0; i < ex.size(); i++) {
            r[i] = ex.weight()[i] * loss.slope(f[i], ex.y()[i]);
        }
        double[] g = backward(ex, at, r, intercept);
        addPenalty(at, lambda, mu, theta, g);
        return g;
    }

    /** Σ_i s_i ∂f_i/∂θ: the data part of a gradient (s = weighted slopes) or of a Hessian-vector product. */
    private static double[] backward(Examples ex, Layout at, double[] s, boolean intercept) {
        int d = at.d();
        double[] out = new double[at.size()];
        for (int i = 0; i < ex.size(); i++) {
            double si = s[i];
            if (si == 0) {
                continue;
            }
            int g = ex.group()[i];
            double[] z = ex.z()[ex.unit()[i]];
            int off = at.head(g);
            for (int j = 0; j < d; j++) {
                out[off + j] += si * z[j];
            }
            if (intercept) {
                out[at.bias(g)] += si;
            }
        }
        for (int g = 0; g < at.groups(); g++) {
            int off = at.head(g);
            for (int j = 0; j < d; j++) {
                out[j] += out[off + j];
            }
        }
        return out;
    }

    private static void addPenalty(Layout at, double lambda, double[] mu, double[] v, double[] out) {
        int d = at.d();
        for (int j = 0; j < d; j++) {
            out[j] += lambda * v[j];
        }
        for (int g = 0; g < at.groups(); g++) {
            int off = at.head(g);
            for (int j = 0; j < d; j++) {
                out[off + j] += mu[g] * v[off + j];
            }
        }
    }

    /** Solves H x = b by preconditioned conjugate gradients (Nocedal and Wright, 2006, Alg. 5.3), H = data curvature + penalties. */
    private static double[] conjugateGradient(Examples ex, Layout at, double[] h, boolean intercept, double lambda, double[] mu, double[] b) {
        double[] diag = diagonal(ex, at, h, intercept, lambda, mu);
        double[] x = new double[b.length];
        double[] r = b.clone();
        double[] z = new double[b.length];
        for (int j = 0; j < b.length; j++) {
            z[j] = r[j] / diag[j];
        }
        double[] p = z.clone();
        double rz = dot(r, z);
        double bNorm = Math.sqrt(dot(b, b));
        if (bNorm == 0) {
            return x;
        }
        for (int k = 0; k < 4 * b.length && k < 2000; k++) {
            double[] hp = hessian(ex, at, h, intercept, lambda, mu, p);
            double alpha = rz / dot(p, hp);
            add(x, p, alpha);
            add(r, hp, -alpha);
            if (Math.sqrt(dot(r, r)) <= CG_TOLERANCE * bNorm) {
                break;
            }
            for (int j = 0; j < b.length; j++) {
                z[j] = r[j] / diag[j];
            }
            double next = dot(r, z);
            double beta = next / rz;
            rz = next;
            for (int j = 0; j < p.length; j++) {
                p[j] = z[j] + beta * p[j];
            }
        }
        return x;
    }

    private static double[] hessian(Examples ex, Layout at, double[] h, boolean intercept, double lambda, double[] mu, double[] p) {
        double[] fp = new double[ex.size()];
        predict(ex, at, intercept ? p : withoutBiases(at, p), fp);
        for (int i = 0; i < fp.length; i++) {
            fp[i] *= h[i];
        }
        double[] out = backward(ex, at, fp, intercept);
        addPenalty(at, lambda, mu, p, out);
        if (!intercept) {
            for (int g = 0; g < at.groups(); g++) {
                out[at.bias(g)] = p[at.bias(g)];
            }
        }
        return out;
    }

    private static double[] withoutBiases(Layout at, double[] p) {
        double[] q = p.clone();
        for (int g = 0; g < at.groups(); g++) {
            q[at.bias(g)] = 0;
        }
        return q;
    }

    private static double[] diagonal(Examples ex, Layout at, double[] h, boolean intercept, double lambda, double[] mu) {
        int d = at.d();
        double[] diag = new double[at.size()];
        for (int i = 0; i < ex.size(); i++) {
            int g = ex.group()[i];
            double[] z = ex.z()[ex.unit()[i]];
            int off = at.head(g);
            for (int j = 0; j < d; j++) {
                double v = h[i] * z[j] * z[j];
                diag[j] += v;
                diag[off + j] += v;
            }
            diag[at.bias(g)] += h[i];
        }
        for (int j = 0; j < d; j++) {
            diag[j] += lambda;
        }
        for (int g = 0; g < at.groups(); g++) {
            for (int j = 0; j < d; j++) {
                diag[at.head(g) + j] += mu[g];
            }
            if (!intercept || diag[at.bias(g)] <= 0) {
                diag[at.bias(g)] = 1;
            }
        }
        for (int j = 0; j < diag.length; j++) {
            if (diag[j] <= 0) {
                diag[j] = 1;
            }
        }
        return diag;
    }

    private static Fit unpack(Examples ex, double[] theta, boolean intercept) {
        int d = ex.dimension();
        Layout at = new Layout(d, ex.groups());
        double[] shared = Arrays.copyOfRange(theta, 0, d);
        double[][] heads = new double[ex.groups()][d];
        double[] bias = new double[ex.groups()];
        double[] weight = ex.groupWeights();
        double total = 0;
        double biasSum = 0;
        for (int g = 0; g < ex.groups(); g++) {
            for (int j = 0; j < d; j++) {
                heads[g][j] = shared[j] + theta[at.head(g) + j];
            }
            bias[g] = intercept ? theta[at.bias(g)] : 0;
            total += weight[g];
            biasSum += weight[g] * bias[g];
        }
        double sharedBias = total > 0 ? biasSum / total : 0;
        for (int g = 0; g < ex.groups(); g++) {
            if (weight[g] == 0) {
                // A group with no examples here has no bias of its own; it gets the shared one.
                bias[g] = sharedBias;
            }
        }
        return new Fit(shared, sharedBias, heads, bias);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static void add(double[] x, double[] y, double t) {
        for (int j = 0; j < x.length; j++) {
            x[j] += t * y[j];
        }
    }
}
