package dev.polity.choice;

import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * Least distance programming: the shortest x with A x &gt;= h, through non-negative least squares (Lawson
 * and Hanson, 1974, "Solving Least Squares Problems", ch. 23: LDP, and algorithm NNLS). Both are finite
 * active-set methods, so the answer is exact up to rounding, and degenerate constraints (several tight at
 * once) do not stall them. The least squares inside use ojAlgo's SVD.
 */
final class LeastDistance {
    private static final double TOLERANCE = 1e-12;

    private LeastDistance() {
    }

    /**
     * The x of least Euclidean norm with {@code a x >= h} ({@code a} is m rows of d columns).
     *
     * @throws IllegalStateException when no x satisfies the constraints
     */
    static double[] solve(double[][] a, double[] h) {
        int m = a.length;
        int d = m == 0 ? 0 : a[0].length;
        // E = [A' ; h'] (d+1 rows, m columns), f = (0, ..., 0, 1); u = NNLS(E, f), r = E u - f, x = -r[0..d) / r[d]
        double[][] e = new double[d + 1][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                e[j][i] = a[i][j];
            }
            e[d][i] = h[i];
        }
        double[] f = new double[d + 1];
        f[d] = 1;
        double[] u = nonNegativeLeastSquares(e, f);
        double[] r = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            r[j] = -f[j];
            for (int i = 0; i < m; i++) {
                r[j] += e[j][i] * u[i];
            }
        }
        if (Math.abs(r[d]) < TOLERANCE) {
            throw new IllegalStateException("least distance: the constraints admit no point");
        }
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            x[j] = -r[j] / r[d];
        }
        return x;
    }

    /** The u &gt;= 0 that minimises |E u - f| (Lawson and Hanson's NNLS). */
    static double[] nonNegativeLeastSquares(double[][] e, double[] f) {
        int rows = e.length;
        int n = rows == 0 ? 0 : e[0].length;
        double[] x = new double[n];
        boolean[] passive = new boolean[n];
        for (int outer = 0; outer < 3 * n + 3; outer++) {
            double[] w = gradient(e, f, x);
            int t = -1;
            for (int j = 0; j < n; j++) {
                if (!passive[j] && w[j] > TOLERANCE && (t < 0 || w[j] > w[t])) {
                    t = j;
                }
            }
            if (t < 0) {
                return x;
            }
            passive[t] = true;
            for (int inner = 0; inner < 3 * n + 3; inner++) {
                double[] z = leastSquaresOn(e, f, passive);
                double alpha = 1;
                boolean feasible = true;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && z[j] <= 0) {
                        feasible = false;
                        alpha = Math.min(alpha, x[j] / (x[j] - z[j]));
                    }
                }
                if (feasible) {
                    x = z;
                    break;
                }
                for (int j = 0; j < n; j++) {
                    x[j] += alpha * (z[j] - x[j]);
                    if (passive[j] && x[j] <= TOLERANCE) {
                        passive[j] = false;
                        x[j] = 0;
                    }
                }
            }
        }
        throw new IllegalStateException("non-negative least squares did not settle");
    }

    /** E'(f - E x): how much each column would still reduce the residual. */
    private static double[] gradient(double[][] e, double[] f, double[] x) {
        int rows = e.length;
        int n = e[0].length;
        double[] residual = new double[rows];
        for (int i = 0; i < rows; i++) {
            residual[i] = f[i];
            for (int j = 0; j < n; j++) {
                residual[i] -= e[i][j] * x[j];
            }
        }
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < rows; i++) {
                w[j] += e[i][j] * residual[i];
            }
        }
        return w;
    }

    /** The least squares solution using only the passive columns; the others stay 0. */
    private static double[] leastSquaresOn(double[][] e, double[] f, boolean[] passive) {
        int rows = e.length;
        int n = e[0].length;
        int[] columns = java.util.stream.IntStream.range(0, n).filter(j -> passive[j]).toArray();
        double[][] sub = new double[rows][columns.length];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < columns.length; c++) {
                sub[i][c] = e[i][columns[c]];
            }
        }
        SingularValue<Double> svd = SingularValue.R064.make(rows, columns.length);
        svd.decompose(R064Store.FACTORY.rows(sub));
        MatrixStore<Double> solution = svd.getSolution(R064Store.FACTORY.column(f));
        double[] z = new double[n];
        for (int c = 0; c < columns.length; c++) {
            z[columns[c]] = solution.doubleValue(c, 0);
        }
        return z;
    }
}
