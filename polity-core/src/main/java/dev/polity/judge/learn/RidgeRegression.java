package dev.polity.judge.learn;

/**
 * Ridge regression (Hoerl and Kennard, 1970) on standardised features with an unpenalised intercept,
 * solved in the dual, {@code w = Zᵀ (Z Zᵀ + λI)⁻¹ (y - ȳ)}, since there are usually fewer texts than
 * features; the linear system is solved by Cholesky factorisation.
 */
public final class RidgeRegression {
    private RidgeRegression() {
    }

    public record Fit(double[] weights, double bias) {
        public double predict(double[] z) {
            double s = bias;
            for (int j = 0; j < z.length; j++) {
                s += weights[j] * z[j];
            }
            return s;
        }
    }

    public static Fit fit(double[][] z, double[] y, double lambda) {
        int n = z.length;
        int d = z[0].length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= i; k++) {
                double s = 0;
                double[] a = z[i];
                double[] b = z[k];
                for (int j = 0; j < d; j++) {
                    s += a[j] * b[j];
                }
                gram[i][k] = s;
                gram[k][i] = s;
            }
            gram[i][i] += lambda;
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = y[i] - mean;
        }
        double[] alpha = solveCholesky(gram, r);
        double[] w = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                w[j] += alpha[i] * z[i][j];
            }
        }
        return new Fit(w, mean);
    }

    /** Solves {@code A x = b} for symmetric positive definite {@code A} (Golub and Van Loan, 2013, §4.2). */
    public static double[] solveCholesky(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                if (i == j) {
                    if (s <= 0) {
                        throw new ArithmeticException("matrix is not positive definite");
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[j] = s / lj[j];
                }
            }
        }
        double[] yv = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * yv[k];
            }
            yv[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = yv[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
