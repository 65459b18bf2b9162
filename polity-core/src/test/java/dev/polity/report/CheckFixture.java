package dev.polity.report;

import dev.polity.judge.check.PopquornCheck;
import dev.polity.judge.check.XsTestCheck;
import java.util.List;

/** Small real-data check results with round figures, for the tests that render them (here and in the CLI). */
public final class CheckFixture {
    public static final XsTestCheck.Result XSTEST = new XsTestCheck.Result(List.of(
            new XsTestCheck.ModelRow("a", 10, 0.9, 0.8, 0.95, 1.0),
            new XsTestCheck.ModelRow("b", 10, 0.7, 0.6, 0.65, 0.8)),
            new XsTestCheck.ModelRow("mean", 20, 0.8, 0.7, 0.8, 0.9));

    public static final PopquornCheck.Result POPQUORN = new PopquornCheck.Result(100, 400, List.of(
            new PopquornCheck.GroupRow(null, null, 100, 400, 0.4, 0.55),
            new PopquornCheck.GroupRow("gender", "Man", 90, 200, 0.3, 0.5),
            new PopquornCheck.GroupRow("gender", "Woman", 95, 200, 0.35, 0.45)),
            new PopquornCheck.HumanBaseline(12, 0.4, 0.5, 0.6));

    private CheckFixture() {
    }
}
