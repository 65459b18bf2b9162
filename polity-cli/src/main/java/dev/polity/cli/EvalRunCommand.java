package dev.polity.cli;

import dev.polity.eval.EvalRun;
import dev.polity.eval.RunSettings;
import dev.polity.eval.RunSummary;
import dev.polity.eval.Suite;
import dev.polity.eval.SuiteLoader;
import dev.polity.model.ModelSpec;
import dev.polity.store.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code polity eval run SUITE}: asks the models, stores and judges every answer, writes the reports. */
@Command(name = "run", description = "Run a suite: ask the models, store every answer, judge it, write the reports. "
        + "Exit 0 when every item was answered and the gate passed, 3 when the gate failed, 4 when some items were not answered "
        + "(resume the run), 1 on bad input.")
public final class EvalRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITE", description = "The suite file (YAML).")
    Path suite;

    @Option(names = "--model", paramLabel = "SPEC", description = "A model to evaluate (repeatable); replaces the suite's models. "
            + "openai:MODEL[@URL], ollama:MODEL[@URL], replay:FILE.csv (docs/MODELS.md).")
    List<String> models = new ArrayList<>();

    @Option(names = "--api-key-env", paramLabel = "NAME", description = "Environment variable holding the API key of openai: models.")
    String apiKeyEnv;

    @Option(names = "--store", paramLabel = "PATH|JDBC_URL", defaultValue = EvalCommand.DEFAULT_STORE,
            description = "Run store: a SQLite file or jdbc:postgresql://... (default: ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: out/runs/RUN_ID).")
    Path out;

    @Option(names = "--concurrency", defaultValue = "4", description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seed", defaultValue = "1", description = "Sampling seed sent to the models, and the bootstrap's seed (default: ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--temperature", defaultValue = "0", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--max-tokens", description = "Longest answer, in tokens (default: the model's).")
    Integer maxTokens;

    @Option(names = "--date", description = "Evaluation date YYYY-MM-DD of the suite's contexts that name none; "
            + "recorded, and reused by resume and report (default: today).")
    String date;

    @Option(names = "--bootstrap", defaultValue = "2000", description = "Bootstrap replicates of the 95%% intervals (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Override
    public Integer call() throws Exception {
        OptionValues.atLeast("--concurrency", concurrency, 1);
        OptionValues.atLeast("--bootstrap", bootstrap, 1);
        if (maxTokens != null) {
            OptionValues.atLeast("--max-tokens", maxTokens, 1);
        }
        models.forEach(ModelSpec::parse); // a mistyped spec is said before anything is opened or created
        Main.of(spec).doing("reading the suite " + suite);
        Suite s = SuiteLoader.load(suite, CommandClock.date("--date", date));
        RunSettings settings = RunSettings.DEFAULT.withConcurrency(concurrency).withSeed(seed).withTemperature(temperature)
                .withMaxTokens(maxTokens).withBootstrapReplicates(bootstrap).withApiKeyEnv(apiKeyEnv);
        PrintWriter o = spec.commandLine().getOut();
        try (RunStore st = RunStore.open(store, CommandClock.get())) {
            Main.of(spec).doing("running the suite " + suite);
            RunSummary summary;
            try (EvalProgress progress = new EvalProgress(Main.of(spec).progress(), "eval " + s.name())) {
                summary = EvalRun.standard(st, progress).start(s, models, Path.of(""), settings);
            }
            Path dir = EvalScreen.outDir(out, summary.runId());
            EvalScreen.write(summary.results(), dir);
            EvalScreen.summary(o, summary, dir, store);
            return EvalScreen.exitCode(summary);
        }
    }
}
