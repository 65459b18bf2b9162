package dev.polity.cli;

import dev.polity.eval.EvalRun;
import dev.polity.eval.Results;
import dev.polity.eval.RunListener;
import dev.polity.store.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code polity eval report RUN}: writes a run's reports again from the store (no model, no judging). */
@Command(name = "report", description = "Write a run's reports (index.html, results.json, junit.xml, summary.md) from the store.")
public final class EvalReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    StoredRun stored;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: out/runs/RUN_ID).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Main.of(spec).doing("reporting run " + stored.run + " from " + stored.store);
        try (RunStore st = stored.open()) {
            EvalRun runner = new EvalRun(st, (s, m) -> {
                throw new IllegalStateException("report does not judge");
            }, RunListener.SILENT, System::getenv);
            Results r = runner.results(stored.run, stored.suite);
            Path dir = EvalScreen.outDir(out, stored.run);
            EvalScreen.write(r, dir);
            PrintWriter o = spec.commandLine().getOut();
            int unanswered = runner.unansweredCount(stored.run);
            o.println("Run " + stored.run + ": " + r.suite() + ", " + r.items().size() + " judged item(s)"
                    + (unanswered > 0 ? ", " + unanswered + " unanswered (polity eval resume " + stored.run + ")" : ""));
            EvalScreen.results(o, r);
            o.println("Reports: " + dir.resolve("index.html") + " (also results.json, junit.xml, summary.md)");
            return ExitCode.DONE.code;
        }
    }
}
