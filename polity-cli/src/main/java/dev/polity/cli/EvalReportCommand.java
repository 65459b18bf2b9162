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

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id (polity eval list).")
    String run;

    @Option(names = "--store", paramLabel = "PATH|JDBC_URL", defaultValue = EvalCommand.DEFAULT_STORE,
            description = "Run store (default: ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: out/runs/RUN_ID).")
    Path out;

    @Option(names = "--suite", paramLabel = "FILE", description = "The run's suite file, when it moved (it must be unchanged).")
    Path suite;

    @Override
    public Integer call() throws Exception {
        try (RunStore st = RunStore.open(store)) {
            EvalRun runner = new EvalRun(st, (s, m) -> {
                throw new IllegalStateException("report does not judge");
            }, RunListener.SILENT, System::getenv);
            Results r = runner.results(run, suite);
            Path dir = EvalScreen.outDir(out, run);
            EvalScreen.write(r, dir);
            PrintWriter o = spec.commandLine().getOut();
            int unanswered = runner.unansweredCount(run);
            o.println("Run " + run + ": " + r.suite() + ", " + r.items().size() + " judged item(s)"
                    + (unanswered > 0 ? ", " + unanswered + " unanswered (polity eval resume " + run + ")" : ""));
            EvalScreen.results(o, r);
            o.println("Reports: " + dir.resolve("index.html") + " (also results.json, junit.xml, summary.md)");
            return 0;
        }
    }
}
