package dev.polity.eval;

import dev.polity.model.AnswerUnavailableException;
import dev.polity.model.EndpointDeadException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Transient failures in a row, per model of a session: a model that fails {@code limit} requests in a row
 * (each after its call policy's retries) is not asked again in this session, and neither is one whose
 * source judged its endpoint dead ({@link EndpointDeadException}: about two timeouts with no answer in
 * between), so a dead endpoint costs a few timeouts rather than one per attempt per item; its items stay
 * unanswered for {@code resume}.
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

    /** Why each model that was taken down in this session is no longer asked, in model order. */
    List<String> stopped() {
        List<String> out = new java.util.ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            if (down.get(m) != null) {
                out.add(down.get(m));
            }
        }
        return out;
    }

    /**
     * Model {@code m} could not answer; a transient failure extends its streak, and the limit takes it down. A
     * dead endpoint takes it down at once.
     */
    void failed(int m, AnswerUnavailableException e) {
        if (e instanceof EndpointDeadException) {
            down.compareAndSet(m, null, e.getMessage());
        } else if (e.isTransient() && inARow[m].incrementAndGet() >= limit) {
            down.compareAndSet(m, null, models.get(m) + " failed " + limit + " requests in a row (last: " + e.getMessage() + ")");
        }
    }
}
