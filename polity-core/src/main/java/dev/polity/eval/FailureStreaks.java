package dev.polity.eval;

import dev.polity.model.AnswerUnavailableException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Transient failures in a row, per model of a session: a model that fails {@code limit} requests in a row
 * (each after its call policy's retries) is not asked again in this session, so a dead endpoint costs a
 * few requests rather than one timeout per item; its items stay unanswered for {@code resume}.
 */
final class FailureStreaks {
    private final List<String> models;
    private final int limit;
    private final AtomicInteger[] inARow;
    private final AtomicReferenceArray<String> down;

    /** @param models the run's models as written, by position */
    FailureStreaks(List<String> models, int limit) {
        this.models = List.copyOf(models);
        this.limit = limit;
        this.inARow = new AtomicInteger[models.size()];
        for (int m = 0; m < inARow.length; m++) {
            inARow[m] = new AtomicInteger();
        }
        this.down = new AtomicReferenceArray<>(models.size());
    }

    /** Why model {@code m} is no longer asked; null while it is. */
    String down(int m) {
        return down.get(m);
    }

    /** Model {@code m} answered (or its answer came from the cache): the streak ends. */
    void answered(int m) {
        inARow[m].set(0);
    }

    /** Model {@code m} could not answer; a transient failure extends its streak, and the limit takes it down. */
    void failed(int m, AnswerUnavailableException e) {
        if (e.isTransient() && inARow[m].incrementAndGet() >= limit) {
            down.compareAndSet(m, null, models.get(m) + " failed " + limit + " requests in a row (last: " + e.getMessage() + ")");
        }
    }
}
