package dev.polity.deliberation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Measures of a partition of points in the plane, and of agreement between two partitions. */
final class Partitions {
    private Partitions() {
    }

    /**
     * Mean silhouette (Rousseeuw 1987) over all points, Euclidean; a point alone in its group scores 0.
     * Exact, O(n^2).
     */
    public static double silhouette(double[][] p, int[] labels) {
        double[] unit = new double[p.length];
        Arrays.fill(unit, 1.0);
        return weightedSilhouette(p, unit, labels);
    }

    /**
     * Silhouette of a partition of weighted points (e.g. base clusters standing for their members): the
     * distances to a group are averaged over its weight. With unit weights this is the exact silhouette.
     * Polis scores its groups on base-cluster centres the same way (clusters.clj, silhouette).
     */
    public static double weightedSilhouette(double[][] p, double[] w, int[] labels) {
        int n = p.length;
        int k = 0;
        for (int l : labels) {
            k = Math.max(k, l + 1);
        }
        if (k < 2) {
            return 0;
        }
        double[] size = new double[k];
        for (int i = 0; i < n; i++) {
            size[labels[i]] += w[i];
        }
        double total = 0;
        double mass = 0;
        double[] sum = new double[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(sum, 0);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum[labels[j]] += w[j] * Math.sqrt(KMeans.dist2(p[i], p[j]));
                }
            }
            // The point's own weight beyond itself sits at distance zero (members of one base cluster).
            total += w[i] * score(sum, size, labels[i]);
            mass += w[i];
        }
        return total / mass;
    }

    private static double score(double[] sum, double[] size, int own) {
        double inOwn = size[own] - 1;
        if (inOwn <= 0) {
            return 0;
        }
        double a = sum[own] / inOwn;
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < size.length; c++) {
            if (c != own && size[c] > 0) {
                b = Math.min(b, sum[c] / size[c]);
            }
        }
        double m = Math.max(a, b);
        return m == 0 ? 0 : (b - a) / m;
    }

    /** Adjusted Rand index (Hubert & Arabie 1985) of two labelings of the same items. */
    public static double adjustedRand(int[] a, int[] b) {
        Map<Long, Integer> cells = new HashMap<>();
        Map<Integer, Integer> rows = new HashMap<>();
        Map<Integer, Integer> cols = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            cells.merge(((long) a[i] << 32) | (b[i] & 0xffffffffL), 1, Integer::sum);
            rows.merge(a[i], 1, Integer::sum);
            cols.merge(b[i], 1, Integer::sum);
        }
        double index = 0;
        for (int v : cells.values()) {
            index += pairs(v);
        }
        double sa = 0;
        for (int v : rows.values()) {
            sa += pairs(v);
        }
        double sb = 0;
        for (int v : cols.values()) {
            sb += pairs(v);
        }
        double expected = sa * sb / pairs(a.length);
        double max = (sa + sb) / 2;
        if (max == expected) {
            return 1.0;
        }
        return (index - expected) / (max - expected);
    }

    private static double pairs(int n) {
        return n * (n - 1) / 2.0;
    }
}
