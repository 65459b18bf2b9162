package dev.polity.model;

import java.util.concurrent.Semaphore;

/**
 * A bound on requests in flight, shared by every thread (and every source) that holds it, so a run with
 * many workers never puts more load on an endpoint than its operator allows.
 */
public final class ConcurrencyLimit {
    private final Semaphore permits;
    private final int limit;

    public ConcurrencyLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("concurrency limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit, true);
    }

    public int limit() {
        return limit;
    }

    /** Runs {@code call} once a permit is free; the permit is returned however the call ends. */
    <T> T within(java.util.function.Supplier<T> call) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnswerUnavailableException("interrupted while waiting for a free request slot", false, e);
        }
        try {
            return call.get();
        } finally {
            permits.release();
        }
    }
}
