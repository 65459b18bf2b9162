package dev.polity.store;

/**
 * An exchange flagged for human review, and what became of it: {@code open}, {@code claimed} by a reviewer,
 * or {@code resolved} with the reviewer's decision ({@code approve} or {@code reject}) and note.
 */
public record Review(String id, String created, String tenant, String context, String constitution, String action, String failMode,
                     String norms, String prompt, String answer, Long auditId, String status, String claimedBy, String claimedAt,
                     String resolution, String note, String resolvedBy, String resolvedAt) {
}
