package dev.polity.eval;

/**
 * A rate (or a difference of rates) with its 95% percentile-bootstrap interval. {@code n} is the
 * number of observations behind it; when it is 0 the value and the interval are NaN.
 */
public record Estimate(double value, double lo, double hi, int n) {
    public static final Estimate EMPTY = new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);

    public boolean isEmpty() {
        return n == 0 || Double.isNaN(value);
    }
}
