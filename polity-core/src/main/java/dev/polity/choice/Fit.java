package dev.polity.choice;

/**
 * A fitted Bradley-Terry or Plackett-Luce model: log-strengths {@code theta} centred to mean 0 in item
 * order, the iterations used, the final (penalised) log-likelihood, whether the tolerance was reached, and
 * the log-likelihood after each iteration (NaN for I-LSR iterations where it was not evaluated).
 */
public record Fit(LuceModel.Method method, double alpha, double[] theta, int iterations, double logLikelihood,
                  boolean converged, double[] trace) {

    /** What a fit that stopped short says of itself: "{@code what} stopped after N iterations without converging". */
    public String stoppedShort(String what) {
        return what + " stopped after " + iterations + " iterations without converging";
    }
}
