package dev.polity.choice;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Percentile bootstrap intervals for fitted strengths. Resampling is the Poisson bootstrap (Hanley and
 * MacGibbon, 2006; Chamandy et al., 2012): every choice's weight w is replaced by a Poisson(w) draw, which
 * approximates resampling the comparisons with replacement and keeps the sufficient statistics.
 */
public final class Bootstrap {
    /** 2.5% and 97.5% percentiles of theta per item, from {@code samples} refits. */
    public record Interval(double[] lower, double[] upper, int samples) {
    }

    private Bootstrap() {
    }

    public static Interval strengths(Choices data, LuceModel.Method method, double alpha, Fit fit, int samples, long seed,
                                     IntConsumer progress) {
        int n = data.items();
        double[][] draws = new double[n][samples];
        SplittableRandom rnd = new SplittableRandom(seed);
        LuceModel.Options opts = new LuceModel.Options(1e-8, LuceModel.Options.defaults(method).maxIterations());
        int done = 0;
        for (int b = 0; b < samples; b++) {
            double[] w = new double[data.size()];
            for (int c = 0; c < w.length; c++) {
                w[c] = poisson(rnd, data.weight()[c]);
            }
            Choices resampled = data.withWeights(w);
            double alphaB = alpha;
            if (alpha == 0 && !resampled.disconnected().isEmpty()) {
                // a resample can leave an item unbeaten; a whisper of prior keeps its strength finite
                alphaB = 1e-6;
            }
            LuceModel.Method m = alphaB > 0 ? LuceModel.Method.MM : method;
            Fit f = LuceModel.fit(resampled, m, alphaB, opts, fit.theta());
            for (int i = 0; i < n; i++) {
                draws[i][b] = f.theta()[i];
            }
            done++;
            if (progress != null) {
                progress.accept(done);
            }
        }
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            Arrays.sort(draws[i]);
            lo[i] = quantile(draws[i], 0.025);
            hi[i] = quantile(draws[i], 0.975);
        }
        return new Interval(lo, hi, samples);
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    /** Knuth's multiplication method below 30, a rounded normal approximation above. */
    static double poisson(SplittableRandom rnd, double lambda) {
        if (lambda < 30) {
            double l = Math.exp(-lambda);
            int k = 0;
            double p = 1;
            do {
                k++;
                p *= rnd.nextDouble();
            } while (p > l);
            return k - 1;
        }
        double z = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
        return Math.max(0, Math.rint(lambda + Math.sqrt(lambda) * z));
    }
}
