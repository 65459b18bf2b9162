package dev.polity.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Correlations between two paired samples: Pearson's, Spearman's rank correlation and Kendall's tau-b. Each is
 * NaN where it is undefined (fewer than two distinct values on a side), as in Apache Commons Math.
 */
public final class RankCorrelation {
    private RankCorrelation() {
    }

    /** Spearman's rho (Spearman, 1904): Pearson's correlation of the ranks, tied values given their mean rank. */
    public static double spearman(double[] a, double[] b) {
        sameLength(a, b);
        return pearson(ranks(a), ranks(b));
    }

    /** Kendall's tau-b (Kendall, 1945): (concordant − discordant) / √((n₀ − n₁)(n₀ − n₂)), n₁ and n₂ the pairs tied in a and in b. */
    public static double kendallTauB(double[] a, double[] b) {
        sameLength(a, b);
        long concordant = 0;
        long discordant = 0;
        long untiedA = 0;
        long untiedB = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                double da = Math.signum(a[i] - a[j]);
                double db = Math.signum(b[i] - b[j]);
                untiedA += da != 0 ? 1 : 0;
                untiedB += db != 0 ? 1 : 0;
                if (da != 0 && db != 0) {
                    if (da == db) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        return untiedA == 0 || untiedB == 0 ? Double.NaN : (concordant - discordant) / Math.sqrt((double) untiedA * untiedB);
    }

    /** Pearson's product-moment correlation (Pearson, 1895). */
    public static double pearson(double[] a, double[] b) {
        sameLength(a, b);
        int n = a.length;
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** 1-based ranks; tied values share the mean of the ranks they span. */
    public static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = mean;
            }
            i = j + 1;
        }
        return r;
    }

    private static void sameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
    }
}
