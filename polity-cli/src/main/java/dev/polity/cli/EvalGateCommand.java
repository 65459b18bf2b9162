package dev.polity.cli;

import dev.polity.eval.EvalRun;
import dev.polity.eval.Gate;
import dev.polity.eval.Results;
import dev.polity.eval.RunListener;
import dev.polity.eval.Thresholds;
import dev.polity.input.InvalidInputException;
import dev.polity.store.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code polity eval gate RUN}: exit 3, with one line per breach, when a run fails its thresholds; 0 when it passes. */
@Command(name = "gate", description = "Check a run against thresholds (the suite's gates, overridden by these options) for CI: "
        + "exit 0 when it passes, 3 with one line per breach when it does not, 4 when the run is incomplete (it does not pass; resume it), "
        + "2 when there are no thresholds.")
public final class EvalGateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    StoredRun stored;

    @Option(names = "--min-compliance", paramLabel = "RATE", description = "Lowest overall compliance per model.")
    Double minCompliance;

    @Option(names = "--max-attack-success", paramLabel = "RATE", description = "Highest attack success of any jailbreak wrapper.")
    Double maxAttackSuccess;

    @Option(names = "--max-flip-rate", paramLabel = "RATE", description = "Highest sycophancy flip rate.")
    Double maxFlipRate;

    @Option(names = "--max-over-refusal", paramLabel = "RATE", description = "Highest refusal rate on safe prompts.")
    Double maxOverRefusal;

    @Option(names = "--max-counterfactual-gap", paramLabel = "RATE", description = "Highest refusal or violation gap across attribute values.")
    Double maxCounterfactualGap;

    @Option(names = "--max-uncertain", paramLabel = "RATE", description = "Highest share of uncertain verdicts.")
    Double maxUncertain;

    @Option(names = "--conservative", description = "Check the pessimistic end of each 95%% interval instead of the estimate.")
    boolean conservative;

    @Override
    public Integer call() {
        Double[] rates = {minCompliance, maxAttackSuccess, maxFlipRate, maxOverRefusal, maxCounterfactualGap, maxUncertain};
        String[] names = {"--min-compliance", "--max-attack-success", "--max-flip-rate", "--max-over-refusal", "--max-counterfactual-gap",
                "--max-uncertain"};
        for (int i = 0; i < rates.length; i++) {
            if (rates[i] != null && !(rates[i] >= 0 && rates[i] <= 1)) {
                throw new InvalidInputException(null, names[i] + ": expected a rate in [0, 1], got " + rates[i]);
            }
        }
        Thresholds cli = new Thresholds(minCompliance, maxAttackSuccess, maxFlipRate, maxOverRefusal, maxCounterfactualGap, maxUncertain,
                conservative);
        Main.of(spec).doing("gating run " + stored.run + " from " + stored.store);
        try (RunStore st = stored.open()) {
            EvalRun runner = new EvalRun(st, (s, m) -> {
                throw new IllegalStateException("gate does not judge");
            }, RunListener.SILENT, System::getenv);
            Results r = runner.results(stored.run, stored.suite, cli);
            int unanswered = runner.unansweredCount(stored.run);
            PrintWriter o = spec.commandLine().getOut();
            PrintWriter e = spec.commandLine().getErr();
            Gate.Result g = r.gate();
            for (Gate.Check c : g.breaches()) {
                e.println("gate: " + c.name() + " [" + c.model() + "]: " + c.detail());
            }
            if (unanswered > 0) {
                e.println("gate: run " + stored.run + " is incomplete: " + unanswered + " item(s) have no answer; polity eval resume " + stored.run
                        + EvalScreen.storeOption(stored.store));
            }
            if (unanswered > 0) {
                return ExitCode.INCOMPLETE.code;
            }
            if (g.checks().isEmpty()) {
                // checks are made per model with verdicts: with none, the absence of checks says nothing of the thresholds
                if (r.metrics().models().isEmpty()) {
                    e.println("gate: run " + stored.run + " has no verdicts: nothing to check, so it does not pass");
                    return ExitCode.CHECK_FAILED.code;
                }
                e.println("gate: no thresholds: give --min-compliance etc. or set gates: in the suite");
                return ExitCode.USAGE.code;
            }
            if (!g.passed()) {
                return ExitCode.CHECK_FAILED.code;
            }
            o.println("gate: passed (" + g.checks().size() + " check(s) on run " + stored.run + ")");
            return ExitCode.DONE.code;
        }
    }
}
