package dev.polity.deliberation;

/**
 * Two principal components of the vote matrix with every missing vote imputed by its statement's mean
 * vote, found by power iteration (Polis math, pca.clj / conversation.clj, compdemocracy/polis: column-mean
 * imputation, {@code powerit-pca}, {@code sparsity-aware-project-ptpt}). After imputation and centring a
 * missing vote is exactly zero, so X'X v is computed from the sparse votes alone in O(votes).
 *
 * @param columns   the matrix columns (statement indices) that take part
 * @param center    mean vote per column (over the participants who voted on it)
 * @param pc1       first component, unit length
 * @param pc2       second component, unit length, orthogonal to pc1
 * @param iterations power iterations used for pc1 and pc2
 * @param zeroColumns moderated-out statements: Polis keeps them as columns of zeros that everyone has
 *                    "voted" on (named_matrix.clj zero-out-columns), which only enters the projection's
 *                    scaling; counted there to reproduce Polis's map
 */
public record Pca(int[] columns, double[] center, double[] pc1, double[] pc2, int[] iterations, int zeroColumns) {

    static final int MAX_ITERATIONS = 2000;
    static final double TOLERANCE = 1e-10;

    /** PCA of the given columns of the matrix. Deterministic: starts from a fixed vector, signs normalised. */
    public static Pca of(VoteMatrix m, int[] columns) {
        return of(m, columns, 0);
    }

    public static Pca of(VoteMatrix m, int[] columns, int zeroColumns) {
        int d = columns.length;
        int[] local = localIndex(m, columns);
        double[] center = new double[d];
        for (int c = 0; c < d; c++) {
            int j = columns[c];
            double sum = 0;
            int n = m.colEnd(j) - m.colStart(j);
            for (int k = m.colStart(j); k < m.colEnd(j); k++) {
                sum += m.colVote(k);
            }
            center[c] = n == 0 ? 0 : sum / n;
        }
        int[] its = new int[2];
        double[] pc1 = powerIteration(m, local, center, null, its, 0);
        double[] pc2 = d > 1 ? powerIteration(m, local, center, pc1, its, 1) : new double[d];
        return new Pca(columns.clone(), center, pc1, pc2, its, zeroColumns);
    }

    static int[] localIndex(VoteMatrix m, int[] columns) {
        int[] local = new int[m.statements()];
        java.util.Arrays.fill(local, -1);
        for (int c = 0; c < columns.length; c++) {
            local[columns[c]] = c;
        }
        return local;
    }

    // Power iteration on X'X (Golub & Van Loan 2013, sec. 7.3.1); the second component is kept orthogonal
    // to the first at every step, which is what deflating the data by pc1 (Polis factor-matrix) amounts to.
    private static double[] powerIteration(VoteMatrix m, int[] local, double[] center, double[] against, int[] its, int slot) {
        int d = center.length;
        double[] v = new double[d];
        for (int c = 0; c < d; c++) {
            // A fixed, non-symmetric start so that no component is orthogonal to it by accident.
            v[c] = 1.0 + (c % 7) * 0.1;
        }
        orthogonalise(v, against);
        normalise(v);
        double[] next = new double[d];
        int it = 0;
        for (; it < MAX_ITERATIONS; it++) {
            java.util.Arrays.fill(next, 0);
            for (int i = 0; i < m.participants(); i++) {
                double dot = 0;
                for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                    int c = local[m.rowCol(k)];
                    if (c >= 0) {
                        dot += (m.rowVote(k) - center[c]) * v[c];
                    }
                }
                if (dot != 0) {
                    for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                        int c = local[m.rowCol(k)];
                        if (c >= 0) {
                            next[c] += (m.rowVote(k) - center[c]) * dot;
                        }
                    }
                }
            }
            orthogonalise(next, against);
            if (normalise(next) == 0) {
                java.util.Arrays.fill(v, 0);
                break;
            }
            double change = 0;
            for (int c = 0; c < d; c++) {
                change = Math.max(change, Math.abs(next[c] - v[c]));
            }
            double[] t = v;
            v = next;
            next = t;
            if (change < TOLERANCE) {
                break;
            }
        }
        its[slot] = it + 1;
        fixSign(v);
        return v;
    }

    private static void orthogonalise(double[] v, double[] against) {
        if (against == null) {
            return;
        }
        double dot = 0;
        for (int c = 0; c < v.length; c++) {
            dot += v[c] * against[c];
        }
        for (int c = 0; c < v.length; c++) {
            v[c] -= dot * against[c];
        }
    }

    private static double normalise(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int c = 0; c < v.length; c++) {
                v[c] /= norm;
            }
        }
        return norm;
    }

    /** Eigenvectors have no sign; pin it so the largest loading is positive (lowest index on ties). */
    private static void fixSign(double[] v) {
        int best = -1;
        for (int c = 0; c < v.length; c++) {
            if (best < 0 || Math.abs(v[c]) > Math.abs(v[best]) + 1e-9) {
                best = c;
            }
        }
        if (best >= 0 && v[best] < 0) {
            for (int c = 0; c < v.length; c++) {
                v[c] = -v[c];
            }
        }
    }

    /**
     * Projects every participant from the statements they voted on, scaled by sqrt(statements / own votes)
     * so that people who voted on few statements are not pulled to the centre (Polis pca.clj,
     * sparsity-aware-project-ptpt). Returns {x, y} per participant; (0, 0) for one with no votes here.
     */
    public double[][] project(VoteMatrix m) {
        int[] local = localIndex(m, columns);
        double[][] xy = new double[m.participants()][2];
        for (int i = 0; i < m.participants(); i++) {
            double x = 0;
            double y = 0;
            int n = 0;
            for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                int c = local[m.rowCol(k)];
                if (c >= 0) {
                    double centred = m.rowVote(k) - center[c];
                    x += centred * pc1[c];
                    y += centred * pc2[c];
                    n++;
                }
            }
            double scale = Math.sqrt((double) (columns.length + zeroColumns) / Math.max(n + zeroColumns, 1));
            xy[i][0] = x * scale;
            xy[i][1] = y * scale;
        }
        return xy;
    }
}
