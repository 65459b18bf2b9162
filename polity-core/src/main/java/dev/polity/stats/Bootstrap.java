package dev.polity.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;

/**
 * The percentile bootstrap (Efron and Tibshirani, 1993, "An Introduction to the Bootstrap", §13.3): a statistic
 * is recomputed on {@code replicates} resamples and its interval is the α and 1−α percentiles of those
 * replicates. The caller's statistic draws its resample from the random numbers it is given, with one of the
 * resampling schemes here. Seeded, with an independent stream per named cell, so that a report is
 * reproducible and a cell's interval does not depend on which cells came before it.
 */
public final class Bootstrap {
    public static final int DEFAULT_REPLICATES = 2000;
    /** Each tail of a two-sided 95% interval. */
    public static final double ALPHA = 0.025;
    private final int replicates;
    private final long seed;

    /** A two-sided interval. */
    public record Interval(double lower, double upper) {
    }

    /** Intervals of the coordinates of a vector statistic, from {@code replicates} resamples. */
    public record Intervals(double[] lower, double[] upper, int replicates) {
    }

    public Bootstrap(int replicates, long seed) {
        if (replicates < 1) {
            throw new IllegalArgumentException("bootstrap replicates must be at least 1, was " + replicates);
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

    /** The 95% percentile interval of {@code statistic}, each replicate computed from the stream's random numbers. */
    public Interval interval(String stream, ToDoubleFunction<SplittableRandom> statistic) {
        SplittableRandom r = random(stream);
        double[] reps = new double[replicates];
        for (int b = 0; b < replicates; b++) {
            reps[b] = statistic.applyAsDouble(r);
        }
        return percentile(reps, ALPHA);
    }

    /** The 95% percentile interval of every coordinate of a statistic of {@code dimension} numbers; {@code progress} (or null) hears each replicate. */
    public Intervals intervals(String stream, int dimension, Function<SplittableRandom, double[]> statistic, IntConsumer progress) {
        SplittableRandom r = random(stream);
        double[][] reps = new double[dimension][replicates];
        for (int b = 0; b < replicates; b++) {
            double[] v = statistic.apply(r);
            for (int i = 0; i < dimension; i++) {
                reps[i][b] = v[i];
            }
            if (progress != null) {
                progress.accept(b + 1);
            }
        }
        double[] lo = new double[dimension];
        double[] hi = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            Interval ci = percentile(reps[i], ALPHA);
            lo[i] = ci.lower();
            hi[i] = ci.upper();
        }
        return new Intervals(lo, hi, replicates);
    }

    /**
     * The α and 1−α percentiles of the replicates as Efron and Tibshirani (1993, §13.3) define them: the
     * ⌈Bα⌉-th and ⌈B(1−α)⌉-th smallest of the B values, the inverse of their empirical distribution
     * (Hyndman and Fan type 1). Unlike an interpolated quantile it is always a replicate, so the interval
     * respects monotone transformations of the statistic, the property §13.3 builds the percentile interval on.
     */
    public static Interval percentile(double[] replicates, double alpha) {
        double[] s = replicates.clone();
        Arrays.sort(s);
        return new Interval(Quantile.inverseEmpirical(s, alpha), Quantile.inverseEmpirical(s, 1 - alpha));
    }

    /** One resample of n yes/no observations with s yeses, drawn with replacement (Efron and Tibshirani, 1993, ch. 6): the share of yeses. */
    public static double resampledRate(int s, int n, SplittableRandom r) {
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextInt(n) < s) {
                hits++;
            }
        }
        return (double) hits / n;
    }

    /**
     * A weight of the Poisson bootstrap (Hanley and MacGibbon, 2006; Chamandy et al., 2012): an observation of
     * weight λ is taken Poisson(λ) times, which approximates resampling with replacement and keeps sufficient
     * statistics. Knuth's multiplication method below 30, a rounded normal approximation above.
     */
    public static double poissonWeight(double lambda, SplittableRandom r) {
        if (lambda < 30) {
            double l = Math.exp(-lambda);
            int k = 0;
            double p = 1;
            do {
                k++;
                p *= r.nextDouble();
            } while (p > l);
            return k - 1;
        }
        double z = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        return Math.max(0, Math.rint(lambda + Math.sqrt(lambda) * z));
    }

    /** An independent stream per named cell. */
    private SplittableRandom random(String stream) {
        long h = seed;
        for (int i = 0; i < stream.length(); i++) {
            h = h * 1_000_003L + stream.charAt(i);
        }
        return new SplittableRandom(h ^ 0x9E3779B97F4A7C15L);
    }
}
