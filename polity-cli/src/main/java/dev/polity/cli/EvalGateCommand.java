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

/** {@code polity eval gate RUN}: exit 1, with one line per breach, when a run fails its thresholds; 0 when it passes. */
@Command(name = "gate", description = "Check a run against thresholds (the suite's gates, overridden by these options) for CI: "
        + "exit 0 when it passes, 1 with one line per breach when it does not (an incomplete run does not pass).")
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
        for (Double d : new Double[] {minCompliance, maxAttackSuccess, maxFlipRate, maxOverRefusal, maxCounterfactualGap, maxUncertain}) {
            if (d != null && !(d >= 0 && d <= 1)) {
                throw new InvalidInputException("gate", 0, "thresholds are rates in [0, 1], got " + d);
            }
        }
        Thresholds cli = new Thresholds(minCompliance, maxAttackSuccess, maxFlipRate, maxOverRefusal, maxCounterfactualGap, maxUncertain,
                conservative);
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
            if (g.checks().isEmpty()) {
                e.println("gate: no thresholds: give --min-compliance etc. or set gates: in the suite");
            }
            boolean pass = g.passed() && unanswered == 0 && !g.checks().isEmpty();
            if (pass) {
                o.println("gate: passed (" + g.checks().size() + " check(s) on run " + stored.run + ")");
            }
            return pass ? 0 : 1;
        }
    }
}
