package dev.polity.eval;

/**
 * What a run reports while it works, e.g. to a progress bar. Called from several threads at once;
 * implementations must be thread-safe and quick.
 */
public interface RunListener {
    RunListener SILENT = new RunListener() {
    };

    /** {@code n} more items are to be answered and judged (first turns at the start, follow-ups as they arise). */
    default void planned(int n) {
    }

    /** An item's answer was stored; {@code fromCache} when no model was asked for it. */
    default void answered(EvalItem item, boolean fromCache) {
    }

    /** An item's verdicts were stored. */
    default void judged(EvalItem item) {
    }

    /** An item got no answer in this run; it stays unanswered for {@code resume}. */
    default void failed(RunFailure failure) {
    }
}
