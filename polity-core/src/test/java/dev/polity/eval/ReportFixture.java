package dev.polity.eval;

import java.util.List;
import java.util.Map;

/** A small judged run for the report tests (the items of {@link MetricsTest}, whose figures are worked out by hand). */
public final class ReportFixture {
    private ReportFixture() {
    }

    public static List<JudgedItem> items() {
        return MetricsTest.run();
    }

    public static Results results(Thresholds t) {
        return Results.of("fixture suite", Map.of("run", "r1", "suite_sha256", "abc"), items(), t, 5);
    }
}
