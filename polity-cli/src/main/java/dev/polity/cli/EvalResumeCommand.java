package dev.polity.cli;

import dev.polity.eval.EvalRun;
import dev.polity.eval.RunSummary;
import dev.polity.model.ModelSpec;
import dev.polity.store.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code polity eval resume RUN}: continues a run from the store, asking only what is unanswered. */
@Command(name = "resume", description = "Continue a run that was killed or ended with failures: ask only the unanswered items, "
        + "judge only the unjudged answers, then write the reports. Exit codes as for run.")
public final class EvalResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    StoredRun stored;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: out/runs/RUN_ID).")
    Path out;

    @Option(names = "--model", paramLabel = "SPEC", description = "Reach the run's models elsewhere (an endpoint that moved): "
            + "one spec per recorded model, in order.")
    List<String> models = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        models.forEach(ModelSpec::parse); // a mistyped spec is said before anything is opened
        Main.of(spec).doing("resuming run " + stored.run + " from " + stored.store);
        try (RunStore st = stored.open()) {
            RunSummary summary;
            try (EvalProgress progress = new EvalProgress(Main.of(spec).progress(), "resume " + stored.run)) {
                summary = EvalRun.standard(st, progress).resume(stored.run, stored.suite, models, Path.of(""));
            }
            Path dir = EvalScreen.outDir(out, summary.runId());
            EvalScreen.write(summary.results(), dir);
            EvalScreen.summary(spec.commandLine().getOut(), summary, dir, stored.store);
            return EvalScreen.exitCode(summary);
        }
    }
}
