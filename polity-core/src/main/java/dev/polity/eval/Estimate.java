package dev.polity.eval;

import dev.polity.stats.Bootstrap;

/**
 * A rate (or a difference of rates) with its 95% percentile-bootstrap interval. {@code n} is the
 * number of observations behind it; when it is 0 the value and the interval are NaN.
 */
public record Estimate(double value, double lo, double hi, int n) {
    public static final Estimate EMPTY = new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);

    public boolean isEmpty() {
        return n == 0 || Double.isNaN(value);
    }

    /** The rate {@code successes / n} with its interval; {@link #EMPTY} when n is 0. */
    public static Estimate rate(Bootstrap b, int successes, int n, String stream) {
        if (n == 0) {
            return EMPTY;
        }
        Bootstrap.Interval ci = b.interval(stream, r -> Bootstrap.resampledRate(successes, n, r));
        return new Estimate((double) successes / n, ci.lower(), ci.upper(), n);
    }

    /** {@code a − b} for two independent samples, each resampled on its own. */
    public static Estimate difference(Bootstrap b, int sa, int na, int sb, int nb, String stream) {
        if (na == 0 || nb == 0) {
            return EMPTY;
        }
        Bootstrap.Interval ci = b.interval(stream, r -> Bootstrap.resampledRate(sa, na, r) - Bootstrap.resampledRate(sb, nb, r));
        return new Estimate((double) sa / na - (double) sb / nb, ci.lower(), ci.upper(), na + nb);
    }

    /**
     * The spread of rates across groups, max − min, each group resampled on its own; groups without
     * observations are left out, and fewer than two groups give {@link #EMPTY}.
     */
    public static Estimate range(Bootstrap b, int[] successes, int[] ns, String stream) {
        int groups = 0;
        int total = 0;
        for (int n : ns) {
            groups += n > 0 ? 1 : 0;
            total += n;
        }
        if (groups < 2) {
            return EMPTY;
        }
        Bootstrap.Interval ci = b.interval(stream, r -> spread(successes, ns, (s, n) -> Bootstrap.resampledRate(s, n, r)));
        return new Estimate(spread(successes, ns, (s, n) -> (double) s / n), ci.lower(), ci.upper(), total);
    }

    private interface Rate {
        double of(int successes, int n);
    }

    private static double spread(int[] successes, int[] ns, Rate rate) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int g = 0; g < ns.length; g++) {
            if (ns[g] > 0) {
                double p = rate.of(successes[g], ns[g]);
                max = Math.max(max, p);
                min = Math.min(min, p);
            }
        }
        return max - min;
    }
}
