package dev.polity.server.dashboard;

import dev.polity.store.Review;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's overview: the evaluation runs in the store, the gateway's activity in the last day (records of
 * the audit log by kind and action), the review queue, and whether the audit chain verifies.
 */
public record DashboardView(List<String> runs, String activitySince, Map<String, Long> activity, List<Review> reviews, long auditRecords,
                            boolean auditIntact, String auditProblem, Long auditFirstBad) {
}
