package dev.polity.store;

import java.util.Objects;

/**
 * One thing a run asks: a case, in a context, through a probe. A run stores at most one answer per item.
 * {@code context} and {@code probe} are the runner's own labels (e.g. "DE-BY/healthcare/adult", "none").
 */
public record RunItem(String caseId, String context, String probe) {
    public RunItem {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(probe, "probe");
    }
}
