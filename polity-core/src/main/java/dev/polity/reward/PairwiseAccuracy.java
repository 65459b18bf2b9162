package dev.polity.reward;

import dev.polity.stats.Bootstrap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How often a scorer prefers the answer people preferred: a pair is right when the chosen answer scores above the
 * rejected one, a tie counts half; with the 95% percentile bootstrap interval over pairs (Efron and Tibshirani,
 * 1993, §13.3; 2,000 resamples, seeded).
 */
public record PairwiseAccuracy(double accuracy, int n, double lower, double upper) {
    public static final long SEED = 13;

    /** The accuracy of scores on pairs, with its interval. */
    public static PairwiseAccuracy of(double[] chosen, double[] rejected) {
        double[] credit = credit(chosen, rejected);
        int n = credit.length;
        double mean = 0;
        for (double c : credit) {
            mean += c;
        }
        mean /= n;
        Bootstrap.Interval ci = new Bootstrap(Bootstrap.DEFAULT_REPLICATES, SEED).interval("pairwise-accuracy", r -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += credit[r.nextInt(n)];
            }
            return s / n;
        });
        return new PairwiseAccuracy(mean, n, ci.lower(), ci.upper());
    }

    /** The accuracy alone. */
    static double rate(double[] chosen, double[] rejected) {
        double s = 0;
        for (double c : credit(chosen, rejected)) {
            s += c;
        }
        return s / chosen.length;
    }

    private static double[] credit(double[] chosen, double[] rejected) {
        if (chosen.length != rejected.length || chosen.length == 0) {
            throw new IllegalArgumentException("one score per chosen and rejected answer, at least one pair");
        }
        double[] c = new double[chosen.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = chosen[i] > rejected[i] ? 1 : chosen[i] == rejected[i] ? 0.5 : 0;
        }
        return c;
    }

    /** {@code {"accuracy": x, "n": n, "ci95": [lo, hi]}}, figures rounded to four places. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", round(accuracy));
        m.put("n", n);
        m.put("ci95", List.of(round(lower), round(upper)));
        return m;
    }

    static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }
}
