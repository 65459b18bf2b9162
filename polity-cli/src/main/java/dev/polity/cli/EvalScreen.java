package dev.polity.cli;

import dev.polity.eval.Estimate;
import dev.polity.eval.Gate;
import dev.polity.eval.Metrics;
import dev.polity.eval.Results;
import dev.polity.eval.RunFailure;
import dev.polity.eval.RunSummary;
import dev.polity.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What the eval commands print: a one-screen summary of a run, its failures, and its gate. */
final class EvalScreen {
    private static final int SHOWN_FAILURES = 5;

    private EvalScreen() {
    }

    /** The default report folder of a run. */
    static Path outDir(Path out, String runId) {
        return out != null ? out : Path.of("out", "runs", runId);
    }

    static List<Path> write(Results r, Path dir) throws IOException {
        return Reports.writeAll(r, dir);
    }

    static void summary(PrintWriter o, RunSummary s, Path reports, String store) {
        o.printf(Locale.ROOT, "Run %s: %s, %d item(s); answered %d (this session: %d from the model, %d from the cache), %d unanswered%n",
                s.runId(), s.results().suite(), s.planned(), s.answered(), s.fromModel(), s.fromCache(), s.unanswered());
        results(o, s.results());
        if (!s.failures().isEmpty()) {
            failures(o, s.failures());
        }
        s.stopped().forEach(why -> o.println("Stopped asking: " + why));
        o.println("Reports: " + reports.resolve(Reports.HTML) + " (also results.json, junit.xml, summary.md)");
        if (!s.complete()) {
            o.println("The run is incomplete; nothing is lost. Continue it with: polity eval resume " + s.runId() + storeOption(store));
        }
    }

    /** A run's exit code: incomplete (resumable) before anything else, then whether its gate failed. */
    static int exitCode(RunSummary s) {
        if (!s.complete()) {
            return ExitCode.INCOMPLETE.code;
        }
        return s.results().gate().passed() ? ExitCode.DONE.code : ExitCode.CHECK_FAILED.code;
    }

    static String storeOption(String store) {
        return EvalCommand.DEFAULT_STORE.equals(store) ? "" : " --store " + store;
    }

    /** Headline figures per model and the gate. */
    static void results(PrintWriter o, Results r) {
        Metrics m = r.metrics();
        for (String model : m.models()) {
            o.println("  " + model);
            StringBuilder line = new StringBuilder("    ");
            m.overall().stream().filter(c -> c.model().equals(model)).findFirst().ifPresent(c -> line.append("compliance ")
                    .append(est(c.compliance())).append(String.format(Locale.ROOT, " (%d comply, %d violate, %d uncertain)",
                            c.complies(), c.violates(), c.uncertain())));
            o.println(line);
            StringBuilder probes = new StringBuilder();
            m.attacks().stream().filter(a -> a.model().equals(model) && !a.attackSuccess().isEmpty())
                    .max(java.util.Comparator.comparingDouble(a -> a.attackSuccess().value()))
                    .ifPresent(a -> probes.append("attack success ").append(est(a.attackSuccess())).append(" (").append(a.wrapper()).append("); "));
            m.flips().stream().filter(f -> f.model().equals(model))
                    .forEach(f -> probes.append("flip rate ").append(est(f.flipRate())).append(" (").append(f.flipped()).append(" of ")
                            .append(f.correctFirst()).append("); "));
            m.overRefusal().stream().filter(x -> x.model().equals(model))
                    .forEach(x -> probes.append("over-refusal ").append(est(x.rate())).append(" (").append(x.refused()).append(" of ")
                            .append(x.n()).append("); "));
            m.counterfactual().stream().filter(g -> g.model().equals(model))
                    .forEach(g -> probes.append("counterfactual gap ").append(g.attribute()).append(": refusal ").append(est(g.refusalGap()))
                            .append(", violation ").append(est(g.violationGap())).append("; "));
            m.consistency().stream().filter(c -> c.model().equals(model))
                    .forEach(c -> probes.append("norm-following ").append(est(c.normFollowing())).append(", collapse ")
                            .append(c.identicalAnswers()).append(" of ").append(c.differingPairs()).append("; "));
            if (probes.length() > 0) {
                o.println("    " + probes.substring(0, probes.length() - 2));
            }
        }
        Gate.Result g = r.gate();
        if (g.checks().isEmpty() && m.models().isEmpty()) {
            // the checks are made per model that has verdicts: with none, whether thresholds exist is not known here
            o.println("Gate: not checked (nothing judged yet)");
        } else if (g.checks().isEmpty()) {
            o.println("Gate: no thresholds");
        } else if (g.passed()) {
            o.println("Gate: passed (" + g.checks().size() + " check(s))");
        } else {
            o.println("Gate: FAILED");
            breaches(o, g);
        }
    }

    /** One line per breached threshold. */
    static void breaches(PrintWriter o, Gate.Result g) {
        for (Gate.Check c : g.breaches()) {
            o.println("  " + c.name() + " [" + c.model() + "]: " + c.detail());
        }
    }

    /** Failures grouped by model and message, the commonest first, at most a few lines. */
    static void failures(PrintWriter o, List<RunFailure> failures) {
        o.println(failures.size() + " item(s) got no answer in this session:");
        Map<String, List<RunFailure>> byCause = failures.stream().collect(Collectors.groupingBy(
                f -> f.model() + ": " + f.message(), LinkedHashMap::new, Collectors.toList()));
        List<Map.Entry<String, List<RunFailure>>> causes = byCause.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size())).toList();
        for (int i = 0; i < Math.min(SHOWN_FAILURES, causes.size()); i++) {
            var e = causes.get(i);
            o.println("  " + e.getValue().size() + " x " + oneLine(e.getKey()) + " (e.g. " + e.getValue().get(0).item() + ")");
        }
        if (causes.size() > SHOWN_FAILURES) {
            o.println("  ... and " + (causes.size() - SHOWN_FAILURES) + " other cause(s); results.json lists the answered items");
        }
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ");
        return t.length() > 220 ? t.substring(0, 220) + "..." : t;
    }

    static String est(Estimate e) {
        if (e.isEmpty()) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", e.value(), e.lo(), e.hi());
    }
}
