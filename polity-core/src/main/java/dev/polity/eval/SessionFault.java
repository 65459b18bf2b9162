package dev.polity.eval;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The first unexpected error of a session of work on a run (a store that fails, a malformed check, a
 * bug): once one is raised no model is asked and nothing is judged any more, and the session throws it
 * when its threads have stopped. What was stored before stays stored, so the run can be resumed.
 */
final class SessionFault {
    private final AtomicReference<RuntimeException> first = new AtomicReference<>();

    /** Records {@code e} unless an earlier error was raised. */
    void raise(RuntimeException e) {
        first.compareAndSet(null, e);
    }

    boolean raised() {
        return first.get() != null;
    }

    /** Throws the first error raised, if any. */
    void rethrow() {
        RuntimeException e = first.get();
        if (e != null) {
            throw e;
        }
    }
}
