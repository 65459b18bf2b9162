package dev.polity.judge.learn;

/**
 * How a classifier's score becomes a decision: Platt scaling of the score to a probability (Platt,
 * 1999, "Probabilistic outputs for support vector machines", with his smoothed targets), the confidence
 * below which the answer is uncertain, and the relevance below which the norm is not applicable.
 *
 * @param slope          Platt's A: P(violates) = 1 / (1 + exp(-(slope * score + intercept)))
 * @param threshold      the least confidence, max(P, 1 - P), of a decided verdict
 * @param relevance      a logistic model of whether the norm concerns the exchange at all: weights over
 *                       {@code NormFeatures.RELEVANCE_NAMES}, then the intercept
 * @param relevanceFloor below this probability of relevance, the verdict is not applicable
 * @param unsureFloor    below this probability of relevance, a verdict too unsure to decide is not applicable rather
 *                       than uncertain (for norms below the law and regulation tiers, where an uncertain verdict does not
 *                       fail closed)
 */
public record Calibration(double slope, double intercept, double threshold, double[] relevance, double relevanceFloor, double unsureFloor) {

    /** P(the norm concerns the exchange) from its relevance features. */
    public double relevant(double[] features) {
        if (relevance == null) {
            return 1;
        }
        double s = relevance[relevance.length - 1];
        for (int j = 0; j < features.length; j++) {
            s += relevance[j] * features[j];
        }
        return 1 / (1 + Math.exp(-s));
    }

    public double probability(double score) {
        return 1 / (1 + Math.exp(-(slope * score + intercept)));
    }

    public Calibration withThreshold(double t) {
        return new Calibration(slope, intercept, t, relevance, relevanceFloor, unsureFloor);
    }

    public Calibration withRelevance(double[] weights, double floor, double unsure) {
        return new Calibration(slope, intercept, threshold, weights, floor, unsure);
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
        return new Calibration(a, b, 0.5, null, 0, 0);
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
