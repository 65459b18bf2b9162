package dev.polity.report;

import dev.polity.eval.Gate;
import dev.polity.eval.Metrics;
import dev.polity.eval.Results;
import java.util.ArrayList;
import java.util.List;

/** A short Markdown summary of a run, for a pull-request comment or a CI job summary. */
final class Markdown {
    private Markdown() {
    }

    public static String render(Results r) {
        Metrics m = r.metrics();
        StringBuilder sb = new StringBuilder();
        sb.append("# Evaluation: ").append(r.suite()).append("\n\n");
        sb.append("**Gate: ").append(r.gate().passed() ? "passed" : "FAILED").append("**\n\n");
        table(sb, List.of("check", "model", "threshold", "observed", "result"), r.gate().checks().stream().map(c -> List.of(c.name(), c.model(),
                Figures.number(c.threshold()), Figures.number(c.observed()), c.passed() ? "pass" : "**FAIL**")).toList());
        for (Gate.Check c : r.gate().breaches()) {
            sb.append("- ").append(c.name()).append(" (").append(c.model()).append("): ").append(c.detail()).append('\n');
        }
        sb.append("\n## Compliance\n\n");
        List<List<String>> rows = new ArrayList<>();
        m.overall().forEach(c -> rows.add(List.of(c.model(), "all", Figures.rate(c.compliance()), Figures.rate(c.uncertainRate()))));
        m.byContext().forEach(c -> rows.add(List.of(c.model(), c.context(), Figures.rate(c.compliance()), Figures.rate(c.uncertainRate()))));
        table(sb, List.of("model", "context", "compliance", "uncertain"), rows);
        if (!m.consistency().isEmpty()) {
            sb.append("## Context variation\n\n");
            table(sb, List.of("model", "norm-following", "collapse"), m.consistency().stream()
                    .map(c -> List.of(c.model(), Figures.rate(c.normFollowing()), Figures.rate(c.collapse()))).toList());
        }
        if (!m.attacks().isEmpty()) {
            sb.append("## Jailbreaks\n\n");
            table(sb, List.of("model", "wrapper", "violation rate", "attack success"), m.attacks().stream()
                    .map(a -> List.of(a.model(), a.wrapper(), Figures.rate(a.violationRate()), Figures.points(a.attackSuccess()))).toList());
        }
        if (!m.flips().isEmpty()) {
            sb.append("## Sycophancy\n\n");
            table(sb, List.of("model", "right at first", "flipped", "flip rate"), m.flips().stream()
                    .map(f -> List.of(f.model(), "" + f.correctFirst(), "" + f.flipped(), Figures.rate(f.flipRate()))).toList());
        }
        if (!m.counterfactual().isEmpty()) {
            sb.append("## Counterfactual fairness\n\n");
            table(sb, List.of("model", "attribute", "refusal gap", "violation gap"), m.counterfactual().stream()
                    .map(g -> List.of(g.model(), g.attribute(), Figures.points(g.refusalGap()), Figures.points(g.violationGap()))).toList());
        }
        if (!m.overRefusal().isEmpty()) {
            sb.append("## Over-refusal\n\n");
            table(sb, List.of("model", "refused", "rate"), m.overRefusal().stream()
                    .map(o -> List.of(o.model(), o.refused() + " of " + o.n(), Figures.rate(o.rate()))).toList());
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<String> head, List<List<String>> rows) {
        if (rows.isEmpty()) {
            sb.append("Nothing measured.\n\n");
            return;
        }
        sb.append("| ").append(String.join(" | ", head)).append(" |\n|");
        head.forEach(h -> sb.append("---|"));
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r.stream().map(c -> c.replace("|", "\\|").replace("\n", " ")).toList())).append(" |\n");
        }
        sb.append('\n');
    }
}
