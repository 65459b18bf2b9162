package dev.polity.deliberation;

/**
 * Two principal components of the vote matrix with every missing vote imputed by its statement's mean
 * vote, found by power (subspace) iteration (Polis math, pca.clj / conversation.clj, compdemocracy/polis: column-mean
 * imputation, {@code powerit-pca}, {@code sparsity-aware-project-ptpt}). After imputation and centring a
 * missing vote is exactly zero, so X'X v is computed from the sparse votes alone in O(votes).
 *
 * @param columns   the matrix columns (statement indices) that take part
 * @param center    mean vote per column (over the participants who voted on it)
 * @param pc1       first component, unit length
 * @param pc2       second component, unit length, orthogonal to pc1
 * @param iterations subspace iterations used (the same for pc1 and pc2)
 * @param zeroColumns moderated-out statements: Polis keeps them as columns of zeros that everyone has
 *                    "voted" on (named_matrix.clj zero-out-columns), which only enters the projection's
 *                    scaling; counted there to reproduce Polis's map
 */
public record Pca(int[] columns, double[] center, double[] pc1, double[] pc2, int[] iterations, int zeroColumns) {

    static final int MAX_ITERATIONS = 2000;
    static final double TOLERANCE = 1e-15;

    /** PCA of the given columns of the matrix. Deterministic: starts from a fixed vector, signs normalised. */
    public static Pca of(VoteMatrix m, int[] columns) {
        return of(m, columns, 0);
    }

    public static Pca of(VoteMatrix m, int[] columns, int zeroColumns) {
        int d = columns.length;
        int[] local = localIndex(m, columns);
        double[] sum = new double[d];
        long[] count = new long[d];
        for (int c = 0; c < d; c++) {
            int j = columns[c];
            count[c] = m.colEnd(j) - m.colStart(j);
            for (int k = m.colStart(j); k < m.colEnd(j); k++) {
                sum[c] += m.colVote(k);
            }
        }
        double[] center = center(sum, count);
        return of(columns, center, zeroColumns, (v1, v2, w1, w2) -> {
            java.util.Arrays.fill(w1, 0);
            java.util.Arrays.fill(w2, 0);
            addGram(m, local, center, v1, v2, w1, w2);
        });
    }

    /**
     * X'X applied to two vectors at once (w = X'X v, overwriting w): the one pass over the votes that an
     * iteration needs. In memory here; summed over partitions of participants by polity-spark.
     */
    @FunctionalInterface
    public interface Gram {
        void apply(double[] v1, double[] v2, double[] w1, double[] w2);
    }

    /** PCA from each column's mean vote and the product with X'X, however the votes are held. */
    public static Pca of(int[] columns, double[] center, int zeroColumns, Gram gram) {
        int d = columns.length;
        int[] its = new int[2];
        double[][] pcs = d > 1 ? subspaceIteration(gram, d, its) : new double[][] {d == 1 ? new double[] {1} : new double[0], new double[d]};
        return new Pca(columns.clone(), center, pcs[0], pcs[1], its, zeroColumns);
    }

    /** Mean vote per column from the sum and the number of votes (0 for a column nobody voted on). */
    public static double[] center(double[] sum, long[] count) {
        double[] center = new double[sum.length];
        for (int c = 0; c < sum.length; c++) {
            center[c] = count[c] == 0 ? 0 : sum[c] / count[c];
        }
        return center;
    }

    /** Each matrix column's position among {@code columns}, -1 for a column that takes no part. */
    public static int[] localIndex(VoteMatrix m, int[] columns) {
        int[] local = new int[m.statements()];
        java.util.Arrays.fill(local, -1);
        for (int c = 0; c < columns.length; c++) {
            local[columns[c]] = c;
        }
        return local;
    }

    // Orthogonal (subspace) iteration on X'X for two vectors at once, then Rayleigh-Ritz to order them
    // (Golub & Van Loan 2013, sec. 8.2.4). Polis runs plain power iteration with deflation (pca.clj); when
    // the two leading eigenvalues are close (e.g. three opinion groups of equal size) that converges very
    // slowly, while the two-dimensional subspace, which is all the projection needs, converges fast.
    private static double[][] subspaceIteration(Gram gram, int d, int[] its) {
        double[] v1 = new double[d];
        double[] v2 = new double[d];
        for (int c = 0; c < d; c++) {
            // Fixed, generic start vectors: deterministic and not orthogonal to any component by accident.
            v1[c] = 1.0 + (c % 7) * 0.1;
            v2[c] = ((c * 7919) % 13) - 6.0;
        }
        normalise(v1);
        orthogonalise(v2, v1);
        normalise(v2);
        double[] w1 = new double[d];
        double[] w2 = new double[d];
        int it = 0;
        for (; it < MAX_ITERATIONS; it++) {
            gram.apply(v1, v2, w1, w2);
            normalise(w1);
            orthogonalise(w2, w1);
            if (normalise(w2) == 0) {
                break;
            }
            // Distance between the old and new subspaces: how much of each new vector lies outside the old span.
            double change = Math.max(outside(w1, v1, v2), outside(w2, v1, v2));
            double[] t = v1;
            v1 = w1;
            w1 = t;
            t = v2;
            v2 = w2;
            w2 = t;
            if (change < TOLERANCE) {
                break;
            }
        }
        its[0] = it + 1;
        its[1] = it + 1;
        // Rayleigh-Ritz: the 2x2 matrix H = V' X'X V and its eigenvectors rotate V onto pc1, pc2.
        gram.apply(v1, v2, w1, w2);
        double h11 = dot(v1, w1);
        double h12 = dot(v1, w2);
        double h22 = dot(v2, w2);
        double theta = 0.5 * Math.atan2(2 * h12, h11 - h22);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double[] pc1 = new double[d];
        double[] pc2 = new double[d];
        for (int c = 0; c < d; c++) {
            pc1[c] = cos * v1[c] + sin * v2[c];
            pc2[c] = -sin * v1[c] + cos * v2[c];
        }
        fixSign(pc1);
        fixSign(pc2);
        return new double[][] {pc1, pc2};
    }

    /**
     * Adds X'X v for two vectors in one pass over the sparse rows of {@code m} (all participants, or a block of
     * them) to w; missing votes are zero once centred.
     */
    public static void addGram(VoteMatrix m, int[] local, double[] center, double[] v1, double[] v2, double[] w1, double[] w2) {
        for (int i = 0; i < m.participants(); i++) {
            double a = 0;
            double b = 0;
            for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                int c = local[m.rowCol(k)];
                if (c >= 0) {
                    double x = m.rowVote(k) - center[c];
                    a += x * v1[c];
                    b += x * v2[c];
                }
            }
            if (a != 0 || b != 0) {
                for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                    int c = local[m.rowCol(k)];
                    if (c >= 0) {
                        double x = m.rowVote(k) - center[c];
                        w1[c] += x * a;
                        w2[c] += x * b;
                    }
                }
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += a[c] * b[c];
        }
        return s;
    }

    private static double outside(double[] w, double[] v1, double[] v2) {
        double a = dot(w, v1);
        double b = dot(w, v2);
        return Math.max(0, 1 - a * a - b * b);
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
