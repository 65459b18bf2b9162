package dev.polity.deliberation;

import java.util.Arrays;

/** Rank statistics. */
public final class Ranks {
    private Ranks() {
    }

    /** Spearman's rank correlation (Spearman 1904): Pearson correlation of the ranks, ties given their mean rank. */
    public static double spearman(double[] a, double[] b) {
        return pearson(ranks(a), ranks(b));
    }

    static double[] ranks(double[] x) {
        int n = x.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (p, q) -> Double.compare(x[p], x[q]));
        double[] r = new double[n];
        for (int s = 0; s < n; ) {
            int e = s;
            while (e + 1 < n && x[idx[e + 1]] == x[idx[s]]) {
                e++;
            }
            double mean = (s + e) / 2.0 + 1;
            for (int t = s; t <= e; t++) {
                r[idx[t]] = mean;
            }
            s = e + 1;
        }
        return r;
    }

    static double pearson(double[] a, double[] b) {
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
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }
}
