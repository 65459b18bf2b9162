package dev.polity.judge.learn;

/**
 * Multinomial logistic regression with an L2 penalty (Hastie, Tibshirani and Friedman, 2009, "The
 * Elements of Statistical Learning", §4.4), fitted by full-batch Adam (Kingma and Ba, 2015) on
 * standardised features. Deterministic: zero start, fixed step count.
 */
public final class SoftmaxRegression {
    private SoftmaxRegression() {
    }

    /** Weights {@code [k][d]} and biases {@code [k]} for labels {@code 0..k-1}; {@code classWeights} rebalance rare classes. */
    public record Fit(double[][] weights, double[] bias) {
        public double[] probabilities(double[] z) {
            double[] logits = new double[bias.length];
            for (int c = 0; c < bias.length; c++) {
                double s = bias[c];
                double[] w = weights[c];
                for (int j = 0; j < z.length; j++) {
                    s += w[j] * z[j];
                }
                logits[c] = s;
            }
            return softmax(logits);
        }
    }

    public static Fit fit(double[][] z, int[] y, int k, double lambda, int steps, double[] classWeights) {
        return fit(z, y, k, lambda, steps, classWeights, z[0].length);
    }

    /** As above, with the penalty on features {@code 0..penalised-1} only (the rest, a few hand-made cues, go free). */
    public static Fit fit(double[][] z, int[] y, int k, double lambda, int steps, double[] classWeights, int penalised) {
        int n = z.length;
        int d = z[0].length;
        double[][] w = new double[k][d];
        double[] b = new double[k];
        double[][] mw = new double[k][d];
        double[][] vw = new double[k][d];
        double[] mb = new double[k];
        double[] vb = new double[k];
        double rate = 0.05;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double totalWeight = 0;
        for (int i = 0; i < n; i++) {
            totalWeight += classWeights[y[i]];
        }
        Fit fit = new Fit(w, b);
        double[][] gw = new double[k][d];
        double[] gb = new double[k];
        for (int t = 1; t <= steps; t++) {
            for (int c = 0; c < k; c++) {
                java.util.Arrays.fill(gw[c], 0);
            }
            java.util.Arrays.fill(gb, 0);
            for (int i = 0; i < n; i++) {
                double[] p = fit.probabilities(z[i]);
                double cw = classWeights[y[i]] / totalWeight;
                for (int c = 0; c < k; c++) {
                    double r = cw * (p[c] - (y[i] == c ? 1 : 0));
                    gb[c] += r;
                    double[] g = gw[c];
                    double[] zi = z[i];
                    for (int j = 0; j < d; j++) {
                        g[j] += r * zi[j];
                    }
                }
            }
            double c1 = 1 - Math.pow(beta1, t);
            double c2 = 1 - Math.pow(beta2, t);
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    double g = gw[c][j] + (j < penalised ? lambda * w[c][j] : 0);
                    mw[c][j] = beta1 * mw[c][j] + (1 - beta1) * g;
                    vw[c][j] = beta2 * vw[c][j] + (1 - beta2) * g * g;
                    w[c][j] -= rate * (mw[c][j] / c1) / (Math.sqrt(vw[c][j] / c2) + 1e-8);
                }
                mb[c] = beta1 * mb[c] + (1 - beta1) * gb[c];
                vb[c] = beta2 * vb[c] + (1 - beta2) * gb[c] * gb[c];
                b[c] -= rate * (mb[c] / c1) / (Math.sqrt(vb[c] / c2) + 1e-8);
            }
        }
        return fit;
    }

    static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            p[c] = Math.exp(logits[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /** The most probable class; the first of equals, so ties resolve the same way every run. */
    public static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
