package dev.polity.store;

import java.util.Objects;

/**
 * A verdict on one stored answer against one norm by one detector. The store keeps the outcome as the
 * judge names it (complies, violates, uncertain, not_applicable) and does not interpret it.
 *
 * @param evidence the span or the reason, or null
 */
public record StoredVerdict(String answerId, String normId, String detector, String outcome, double confidence, String evidence) {
    public StoredVerdict {
        Objects.requireNonNull(answerId, "answerId");
        Objects.requireNonNull(normId, "normId");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(outcome, "outcome");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }
}
