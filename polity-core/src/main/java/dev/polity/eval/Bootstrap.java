package dev.polity.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals for rates and differences of rates (Efron and Tibshirani, 1993,
 * "An Introduction to the Bootstrap", §13.3: the interval is the α and 1−α percentiles of the
 * bootstrap replicates). Resampling n yes/no observations with replacement is drawing n times from the
 * observed rate, which is what {@link #resampledRate} does. Seeded, so a report is reproducible.
 */
public final class Bootstrap {
    public static final int DEFAULT_REPLICATES = 2000;
    public static final double ALPHA = 0.025;
    private final int replicates;
    private final long seed;

    public Bootstrap(int replicates, long seed) {
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be positive");
        }
        this.replicates = replicates;
        this.seed = seed;
    }

    public int replicates() {
        return replicates;
    }

    public long seed() {
        return seed;
    }

    /**
     * The α and 1−α percentiles of the replicates: the ⌈Bα⌉-th and ⌈B(1−α)⌉-th smallest values
     * (Efron and Tibshirani, 1993, §13.3, with B·α rounded up when it is not a whole number).
     */
    public static double[] percentileInterval(double[] replicates, double alpha) {
        double[] s = replicates.clone();
        Arrays.sort(s);
        int b = s.length;
        int lo = Math.max(1, (int) Math.ceil(b * alpha - 1e-9));
        int hi = Math.max(1, (int) Math.ceil(b * (1 - alpha) - 1e-9));
        return new double[] {s[lo - 1], s[Math.min(hi, b) - 1]};
    }

    /** The rate {@code successes / n} with its interval; {@link Estimate#EMPTY} when n is 0. */
    public Estimate rate(int successes, int n, String stream) {
        if (n == 0) {
            return Estimate.EMPTY;
        }
        SplittableRandom r = random(stream);
        double[] reps = new double[replicates];
        for (int b = 0; b < replicates; b++) {
            reps[b] = resampledRate(successes, n, r);
        }
        double[] ci = percentileInterval(reps, ALPHA);
        return new Estimate((double) successes / n, ci[0], ci[1], n);
    }

    /** {@code a − b} for two independent samples, each resampled on its own. */
    public Estimate difference(int sa, int na, int sb, int nb, String stream) {
        if (na == 0 || nb == 0) {
            return Estimate.EMPTY;
        }
        SplittableRandom r = random(stream);
        double[] reps = new double[replicates];
        for (int b = 0; b < replicates; b++) {
            reps[b] = resampledRate(sa, na, r) - resampledRate(sb, nb, r);
        }
        double[] ci = percentileInterval(reps, ALPHA);
        return new Estimate((double) sa / na - (double) sb / nb, ci[0], ci[1], na + nb);
    }

    /**
     * The spread of rates across groups, max − min, each group resampled on its own; groups without
     * observations are left out, and fewer than two groups give {@link Estimate#EMPTY}.
     */
    public Estimate range(int[] successes, int[] ns, String stream) {
        int groups = 0;
        int total = 0;
        for (int n : ns) {
            groups += n > 0 ? 1 : 0;
            total += n;
        }
        if (groups < 2) {
            return Estimate.EMPTY;
        }
        SplittableRandom r = random(stream);
        double[] reps = new double[replicates];
        for (int b = 0; b < replicates; b++) {
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (int g = 0; g < ns.length; g++) {
                if (ns[g] > 0) {
                    double p = resampledRate(successes[g], ns[g], r);
                    max = Math.max(max, p);
                    min = Math.min(min, p);
                }
            }
            reps[b] = max - min;
        }
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int g = 0; g < ns.length; g++) {
            if (ns[g] > 0) {
                double p = (double) successes[g] / ns[g];
                max = Math.max(max, p);
                min = Math.min(min, p);
            }
        }
        double[] ci = percentileInterval(reps, ALPHA);
        return new Estimate(max - min, ci[0], ci[1], total);
    }

    /** One bootstrap replicate of a rate: n draws with replacement from s ones and n − s zeros. */
    static double resampledRate(int s, int n, SplittableRandom r) {
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextInt(n) < s) {
                hits++;
            }
        }
        return (double) hits / n;
    }

    /** An independent stream per named cell, so a cell's interval does not depend on which cells came before. */
    private SplittableRandom random(String stream) {
        long h = seed;
        for (int i = 0; i < stream.length(); i++) {
            h = h * 1_000_003L + stream.charAt(i);
        }
        return new SplittableRandom(h ^ 0x9E3779B97F4A7C15L);
    }
}
