package dev.polity.judge.learn;

/**
 * How a classifier's score becomes a decision: Platt scaling of the score to a probability (Platt,
 * 1999, "Probabilistic outputs for support vector machines", with his smoothed targets), the confidence
 * below which the answer is uncertain, and the relevance below which the norm is not applicable.
 *
 * @param slope          Platt's A: P(violates) = 1 / (1 + exp(-(slope * score + intercept)))
 * @param threshold      the least confidence, max(P, 1 - P), of a decided verdict
 * @param relevanceFloor below this relevance of the norm to the exchange, the verdict is not applicable
 */
public record Calibration(double slope, double intercept, double threshold, double relevanceFloor) {

    public double probability(double score) {
        return 1 / (1 + Math.exp(-(slope * score + intercept)));
    }

    public Calibration withThreshold(double t) {
        return new Calibration(slope, intercept, t, relevanceFloor);
    }

    public Calibration withRelevanceFloor(double floor) {
        return new Calibration(slope, intercept, threshold, floor);
    }

    /** Platt's fit of {@code slope} and {@code intercept} to scores and 0/1 labels, by Newton's method on the log-loss. */
    public static Calibration platt(double[] score, int[] y) {
        int pos = 0;
        for (int v : y) {
            pos += v;
        }
        int neg = y.length - pos;
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double a = 1;
        double b = 0;
        for (int it = 0; it < 100; it++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-9;
            double hab = 0;
            double hbb = 1e-9;
            for (int i = 0; i < score.length; i++) {
                double p = 1 / (1 + Math.exp(-(a * score[i] + b)));
                double t = y[i] == 1 ? hi : lo;
                double r = p - t;
                double w = p * (1 - p);
                ga += r * score[i];
                gb += r;
                haa += w * score[i] * score[i];
                hab += w * score[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-15) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new Calibration(a, b, 0.5, Double.NEGATIVE_INFINITY);
    }

    /** The confidence at or above which a share {@code coverage} of these probabilities is decided. */
    public static double thresholdFor(double[] probabilities, double coverage) {
        double[] c = new double[probabilities.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(probabilities[i], 1 - probabilities[i]);
        }
        java.util.Arrays.sort(c);
        int undecided = (int) Math.floor((1 - coverage) * c.length);
        return undecided <= 0 ? 0.5 : c[Math.min(c.length - 1, undecided)];
    }
}
