package dev.polity.choice;

import dev.polity.input.InvalidInputException;
import dev.polity.stats.Bootstrap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Maximum-likelihood strengths for Luce choice models (Bradley-Terry, Plackett-Luce) from {@link Choices}.
 * Two algorithms that reach the same optimum: MM (Hunter, 2004, "MM algorithms for generalized Bradley-Terry
 * models", Ann. Stat., sec. 3 and 5) and I-LSR (Maystre and Grossglauser, 2015, "Fast and accurate inference
 * of Plackett-Luce models", NeurIPS, sec. 3, Algorithm 2). With {@code alpha > 0} MM maximises the
 * likelihood penalised by (alpha/2)||theta||^2, a Gaussian prior on the log-strengths; each MM step then
 * maximises the separable minorizer exactly by a one-dimensional Newton solve.
 */
public final class LuceModel {
    /** The fitting algorithm. */
    public enum Method {
        MM, ILSR;

        public static Method byId(String id) {
            return switch (id.toLowerCase(Locale.ROOT)) {
                case "mm" -> MM;
                case "ilsr", "i-lsr" -> ILSR;
                default -> throw new InvalidInputException(null, "--method: expected mm or ilsr, got '" + id + "'");
            };
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Tolerance on the largest change of a centred log-strength between iterations. */
    public record Options(double tolerance, int maxIterations, boolean traceIlsr) {
        public Options(double tolerance, int maxIterations) {
            this(tolerance, maxIterations, false);
        }

        public static Options defaults(Method m) {
            return new Options(1e-10, m == Method.MM ? 20_000 : 1_000);
        }
    }

    private LuceModel() {
    }

    public static Fit fit(Choices data, Method method, double alpha) {
        return fit(data, method, alpha, Options.defaults(method), null);
    }

    /**
     * Checks a method and penalty before any data is read; {@link #fit} checks them too.
     *
     * @throws InvalidInputException naming {@code --alpha} when the two do not go together
     */
    public static void checkSettings(Method method, double alpha) {
        if (alpha < 0 || Double.isNaN(alpha)) {
            throw new InvalidInputException(null, "--alpha: expected a number >= 0, got " + alpha);
        }
        if (method == Method.ILSR && alpha > 0) {
            throw new InvalidInputException(null, "--alpha > 0 needs --method mm: I-LSR computes the unpenalised maximum-likelihood estimate");
        }
    }

    public static Fit fit(Choices data, Method method, double alpha, Options options, double[] start) {
        checkSettings(method, alpha);
        if (alpha == 0) {
            List<Integer> bad = data.disconnected();
            if (!bad.isEmpty()) {
                throw new InvalidInputException(null, "the maximum-likelihood strengths do not exist: " + bad.size()
                        + " item(s) (e.g. item #" + (bad.get(0) + 1) + " in item order) never beat, or never lost to, the rest"
                        + " (the comparison graph is not strongly connected; Hunter 2004, assumption 1); use --method mm --alpha 0.01");
            }
        }
        double[] theta = start == null ? new double[data.items()] : start.clone();
        return method == Method.MM ? mm(data, alpha, options, theta) : ilsr(data, options, theta);
    }

    /**
     * 95% percentile-bootstrap intervals of the strengths, refitting on Poisson-bootstrap resamples: every
     * choice's weight w is replaced by a Poisson(w) draw ({@link Bootstrap#poissonWeight}), which keeps the
     * data a weighted set of choices. Each refit starts from {@code fit}; {@code progress} (or null) hears each refit.
     */
    public static Bootstrap.Intervals bootstrap(Choices data, Method method, double alpha, Fit fit, Bootstrap b, IntConsumer progress) {
        Options opts = new Options(1e-8, Options.defaults(method).maxIterations());
        return b.intervals("strengths", data.items(), r -> {
            double[] w = new double[data.size()];
            for (int c = 0; c < w.length; c++) {
                w[c] = Bootstrap.poissonWeight(data.weight()[c], r);
            }
            Choices resampled = data.withWeights(w);
            double alphaB = alpha;
            if (alpha == 0 && !resampled.disconnected().isEmpty()) {
                // a resample can leave an item unbeaten; a whisper of prior keeps its strength finite
                alphaB = 1e-6;
            }
            return fit(resampled, alphaB > 0 ? Method.MM : method, alphaB, opts, fit.theta()).theta();
        }, progress);
    }

    static Fit mm(Choices d, double alpha, Options o, double[] theta) {
        return mm(d.items(), wins(d), (gamma, denom) -> accumulateDenominators(d, gamma, denom), t -> logLikelihood(d, t, alpha), true,
                alpha, o, theta);
    }

    /**
     * The one pass over the data that an MM step needs: adds, for every item, the sum over the choices it
     * took part in of weight / (sum of gamma over the choice set). In memory here; summed over partitions of
     * the choices by polity-spark ({@link #accumulateDenominators} on each).
     */
    @FunctionalInterface
    public interface Denominators {
        void add(double[] gamma, double[] denom);
    }

    /**
     * MM from the items' wins and a pass over the choices, however they are held; {@code logLikelihood} is
     * evaluated after every iteration when {@code traceEach} (else only at the end: it costs a pass).
     */
    public static Fit mm(int n, double[] wins, Denominators pass, java.util.function.ToDoubleFunction<double[]> logLikelihood,
                         boolean traceEach, double alpha, Options o, double[] start) {
        double[] theta = start == null ? new double[n] : start.clone();
        double[] gamma = new double[n];
        double[] denom = new double[n];
        double[] trace = new double[o.maxIterations() + 1];
        int it = 0;
        boolean converged = false;
        trace[0] = traceEach ? logLikelihood.applyAsDouble(theta) : Double.NaN;
        while (it < o.maxIterations() && !converged) {
            double shift = max(theta);
            for (int i = 0; i < n; i++) {
                gamma[i] = Math.exp(theta[i] - shift);
            }
            Arrays.fill(denom, 0);
            pass.add(gamma, denom);
            double change = 0;
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                // denominators were computed with gamma scaled by e^-shift; undo that for the penalised solve
                double di = denom[i] * Math.exp(-shift);
                next[i] = alpha == 0 ? Math.log(wins[i] / denom[i]) + shift : newton(wins[i], di, alpha, theta[i]);
            }
            if (alpha == 0) {
                centre(next);
            }
            for (int i = 0; i < n; i++) {
                change = Math.max(change, Math.abs(next[i] - theta[i]));
            }
            theta = next;
            it++;
            converged = change < o.tolerance();
            trace[it] = traceEach || converged || it == o.maxIterations() ? logLikelihood.applyAsDouble(theta) : Double.NaN;
        }
        centre(theta);
        return new Fit(Method.MM, alpha, theta, it, logLikelihood.applyAsDouble(theta), converged, Arrays.copyOf(trace, it + 1));
    }

    /** Solves w - D e^t - alpha t = 0 (the maximiser of the minorizer for one item). */
    private static double newton(double w, double dd, double alpha, double t0) {
        double t = t0;
        for (int k = 0; k < 100; k++) {
            double e = dd * Math.exp(t);
            double f = w - e - alpha * t;
            double step = f / (e + alpha);
            t += step;
            if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(t))) {
                break;
            }
        }
        return t;
    }

    static Fit ilsr(Choices d, Options o, double[] theta) {
        int n = d.items();
        int m = d.size();
        int[] start = d.start();
        int[] members = d.members();
        double[] weight = d.weight();
        boolean pairs = d.pairwise();
        // choices grouped by winner: the in-flows of each state of the chain
        int[] wonStart = new int[n + 1];
        for (int c = 0; c < m; c++) {
            wonStart[members[start[c]] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            wonStart[i + 1] += wonStart[i];
        }
        int[] won = new int[m];
        int[] fill = wonStart.clone();
        for (int c = 0; c < m; c++) {
            won[fill[members[start[c]]]++] = c;
        }
        double[] pi = new double[n];
        double[] rate = new double[m];
        double[] out = new double[n];
        double[] trace = new double[o.maxIterations() + 1];
        trace[0] = logLikelihood(d, theta, 0);
        int it = 0;
        boolean converged = false;
        double lastChange = 1;
        while (it < o.maxIterations() && !converged) {
            double shift = max(theta);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                pi[i] = Math.exp(theta[i] - shift);
                sum += pi[i];
            }
            for (int i = 0; i < n; i++) {
                pi[i] /= sum;
            }
            // Markov chain of Maystre & Grossglauser (2015), eq. 7: every loser k of choice c moves to its
            // winner at rate w_c / sum_{j in S_c} pi_j
            Arrays.fill(out, 0);
            for (int c = 0; c < m; c++) {
                double s = 0;
                for (int k = start[c]; k < start[c + 1]; k++) {
                    s += pi[members[k]];
                }
                double r = weight[c] / s;
                rate[c] = r;
                for (int k = start[c] + 1; k < start[c + 1]; k++) {
                    out[members[k]] += r;
                }
            }
            double innerTol = Math.max(1e-15, Math.min(1e-8, 1e-4 * lastChange));
            double[] x = stationary(n, start, members, rate, out, wonStart, won, pairs, pi.clone(), innerTol);
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                next[i] = Math.log(x[i]);
            }
            centre(next);
            double change = 0;
            for (int i = 0; i < n; i++) {
                change = Math.max(change, Math.abs(next[i] - theta[i]));
            }
            theta = next;
            lastChange = change;
            it++;
            converged = change < o.tolerance();
            // the likelihood is evaluated only when asked for: on a million comparisons it costs a sweep
            trace[it] = o.traceIlsr() || converged || it == o.maxIterations() ? logLikelihood(d, theta, 0) : Double.NaN;
        }
        return new Fit(Method.ILSR, 0, theta, it, trace[it], converged, Arrays.copyOf(trace, it + 1));
    }

    /**
     * Stationary distribution of the chain by Gauss-Seidel sweeps on the global balance equations
     * x_i out_i = sum over choices c won by i of rate_c * sum_{k in S_c, k != i} x_k, warm-started from the
     * previous strengths; falls back to a dense solve when the sweeps stall.
     */
    private static double[] stationary(int n, int[] start, int[] members, double[] rate, double[] out,
                                       int[] wonStart, int[] won, boolean pairs, double[] x, double tol) {
        for (int sweep = 0; sweep < 5_000; sweep++) {
            double change = 0;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double in = 0;
                for (int q = wonStart[i]; q < wonStart[i + 1]; q++) {
                    int c = won[q];
                    if (pairs) {
                        in += rate[c] * x[members[start[c] + 1]];
                    } else {
                        double s = 0;
                        for (int k = start[c] + 1; k < start[c + 1]; k++) {
                            s += x[members[k]];
                        }
                        in += rate[c] * s;
                    }
                }
                double v = in / out[i];
                double rel = Math.abs(v - x[i]) / v;
                if (rel > change) {
                    change = rel;
                }
                x[i] = v;
                sum += v;
            }
            for (int i = 0; i < n; i++) {
                x[i] /= sum;
            }
            if (change < tol) {
                return x;
            }
        }
        return denseStationary(n, start, members, rate, out);
    }

    /** pi Q = 0 with sum pi = 1, by Gaussian elimination with partial pivoting on Q^T (last row replaced by ones). */
    private static double[] denseStationary(int n, int[] start, int[] members, double[] rate, double[] out) {
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            a[i][i] = -out[i];
        }
        for (int c = 0; c < rate.length; c++) {
            int w = members[start[c]];
            for (int k = start[c] + 1; k < start[c + 1]; k++) {
                a[w][members[k]] += rate[c];
            }
        }
        Arrays.fill(a[n - 1], 1.0);
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] t = a[col];
            a[col] = a[piv];
            a[piv] = t;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0) {
                    for (int k = col; k <= n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = Math.max(s / a[r][r], Double.MIN_NORMAL);
        }
        return x;
    }

    /** Adds each choice's weight / (sum of gamma over its set) to the denominator of every member (Hunter 2004, eq. 9). */
    public static void accumulateDenominators(Choices d, double[] gamma, double[] denom) {
        int[] start = d.start();
        int[] members = d.members();
        double[] weight = d.weight();
        for (int c = 0; c < d.size(); c++) {
            double s = 0;
            for (int k = start[c]; k < start[c + 1]; k++) {
                s += gamma[members[k]];
            }
            double r = weight[c] / s;
            for (int k = start[c]; k < start[c + 1]; k++) {
                denom[members[k]] += r;
            }
        }
    }

    /** The weight of the choices each item won. */
    public static double[] wins(Choices d) {
        double[] w = new double[d.items()];
        for (int c = 0; c < d.size(); c++) {
            w[d.members()[d.start()[c]]] += d.weight()[c];
        }
        return w;
    }

    /** Sum over choices of weight * (theta_winner - log sum_{k in S} e^theta_k), minus (alpha/2)||theta||^2. */
    public static double logLikelihood(Choices d, double[] theta, double alpha) {
        int[] start = d.start();
        int[] members = d.members();
        double ll = 0;
        if (d.pairwise()) {
            double[] w = d.weight();
            for (int c = 0; c < d.size(); c++) {
                double diff = theta[members[2 * c + 1]] - theta[members[2 * c]];
                // log sigmoid(-diff), stable for both signs
                ll -= w[c] * (diff > 0 ? diff + Math.log1p(Math.exp(-diff)) : Math.log1p(Math.exp(diff)));
            }
            return alpha > 0 ? ll - alpha / 2 * dot(theta) : ll;
        }
        for (int c = 0; c < d.size(); c++) {
            int w = members[start[c]];
            double top = Double.NEGATIVE_INFINITY;
            for (int k = start[c]; k < start[c + 1]; k++) {
                top = Math.max(top, theta[members[k]]);
            }
            double s = 0;
            for (int k = start[c]; k < start[c + 1]; k++) {
                s += Math.exp(theta[members[k]] - top);
            }
            ll += d.weight()[c] * (theta[w] - top - Math.log(s));
        }
        if (alpha > 0) {
            double sq = 0;
            for (double t : theta) {
                sq += t * t;
            }
            ll -= alpha / 2 * sq;
        }
        return ll;
    }

    private static double dot(double[] t) {
        double s = 0;
        for (double v : t) {
            s += v * v;
        }
        return s;
    }

    static void centre(double[] t) {
        double mean = 0;
        for (double v : t) {
            mean += v;
        }
        mean /= t.length;
        for (int i = 0; i < t.length; i++) {
            t[i] -= mean;
        }
    }

    private static double max(double[] t) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : t) {
            m = Math.max(m, v);
        }
        return m;
    }
}
