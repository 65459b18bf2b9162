package dev.polity.stats;

import java.util.Arrays;

/** Sample quantiles (Hyndman and Fan, 1996, "Sample Quantiles in Statistical Packages"). */
public final class Quantile {
    private Quantile() {
    }

    /**
     * The {@code p}-quantile by linear interpolation between order statistics (Hyndman and Fan, 1996, type 7;
     * R's default): with h = (n − 1)p, x₍⌊h⌋₊₁₎ + (h − ⌊h⌋)(x₍⌊h⌋₊₂₎ − x₍⌊h⌋₊₁₎). NaN when there are no values.
     */
    public static double of(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return ofSorted(s, p);
    }

    /** {@link #of} for values already in ascending order, without copying them. */
    public static double ofSorted(double[] sorted, double p) {
        checkP(p);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The inverse of the empirical distribution function (Hyndman and Fan, 1996, type 1): the ⌈np⌉-th smallest
     * value, the first at p = 0. It never lies between two observations, which is what the percentile bootstrap
     * needs ({@link Bootstrap#percentile}). A whisker of tolerance keeps np = 25.000000000000004 at the 25th.
     */
    static double inverseEmpirical(double[] sorted, double p) {
        checkP(p);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int k = (int) Math.ceil(sorted.length * p - 1e-9);
        return sorted[Math.min(Math.max(k, 1), sorted.length) - 1];
    }

    private static void checkP(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a quantile's p must lie in [0, 1], was " + p);
        }
    }
}
