package dev.polity.eval;

import java.util.List;

/**
 * How a run (or a resumption of one) ended: counts, the failures, and the results of everything answered
 * so far. A run with failures is incomplete and can be resumed.
 *
 * @param planned     items of the run, follow-ups included, so far
 * @param answered    items with a stored answer (from earlier sessions too)
 * @param fromModel   answers this session asked a model for
 * @param fromCache   answers this session took from the store's cache (identical requests)
 * @param unanswered  items still without an answer
 * @param stopped     why models stopped being asked in this session, one line each (an endpoint that looks
 *                    dead, too many failures in a row); the run is then incomplete and can be resumed
 */
public record RunSummary(String runId, int planned, int answered, int fromModel, int fromCache, int unanswered,
                         List<RunFailure> failures, List<String> stopped, Results results) {
    public RunSummary {
        failures = List.copyOf(failures);
        stopped = List.copyOf(stopped);
    }

    public boolean complete() {
        return unanswered == 0;
    }
}
