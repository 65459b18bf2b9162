package dev.polity.judge.check;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The development-set check as Markdown: headline with intervals and bars, then the breakdowns. */
final class NormDevReport {
    private NormDevReport() {
    }

    static String markdown(NormDevCheck.Result r) {
        StringBuilder md = new StringBuilder();
        NormDevCheck.Row o = r.overall();
        md.append(String.format(Locale.ROOT, "Held-out norms (grouped %d-fold cross-validation by norm), %d items: accuracy on decided items "
                        + "**%.3f** [%.3f, %.3f] at coverage **%.3f** [%.3f, %.3f] (95%% cluster bootstrap over norms); accuracy when every "
                        + "item is decided %.3f; length-only baseline %.3f.%n%n",
                r.settings().get("folds").intValue(), o.items(), o.accuracy(), r.accuracyInterval().lower(), r.accuracyInterval().upper(),
                o.coverage(), r.coverageInterval().lower(), r.coverageInterval().upper(), o.fullCoverageAccuracy(), r.lengthBaseline()));
        md.append(String.format(Locale.ROOT, "Law-tier violations: %d; called violates %d (recall %.3f on decided items, %.3f counting "
                        + "undecided as missed). Unrelated pairs (an item's exchange against a norm of another topic) given a confident verdict: %.3f.%n%n",
                r.law().violating(), r.law().caught(), r.law().decidedRecall(), r.law().strictRecall(), r.unrelatedDecided()));
        md.append("Bars (issue 11): accuracy >= ").append(NormDevCheck.BAR_ACCURACY).append(" at coverage >= ").append(NormDevCheck.BAR_COVERAGE)
                .append(", law-tier violates recall >= ").append(NormDevCheck.BAR_LAW_RECALL).append(": ").append(r.meetsBars() ? "met" : "not met").append(".\n\n");
        md.append("| accuracy-coverage curve | ");
        r.curve().forEach(p -> md.append(String.format(Locale.ROOT, "%.1f | ", p.coverage())));
        md.append("\n|---|").append("---|".repeat(r.curve().size())).append("\n| accuracy | ");
        r.curve().forEach(p -> md.append(String.format(Locale.ROOT, "%.3f | ", p.accuracy())));
        md.append("\n\n");
        OfflineBaseline.Comparison c = r.offline();
        md.append("| offline verdicts on the same items | items | decided | coverage | accuracy on decided |\n|---|---|---|---|---|\n");
        for (NormDevCheck.Row row : List.of(c.before(), c.after(), c.requiredPhraseRules(), c.requiredPhraseJudge())) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f |%n", row.key(), row.items(), row.decided(), row.coverage(), row.accuracy()));
        }
        md.append("\n| truth \\ verdict | complies | violates | uncertain | not_applicable |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<String, Integer>> e : r.confusion().entrySet()) {
            Map<String, Integer> m = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", e.getKey(), m.getOrDefault("complies", 0), m.getOrDefault("violates", 0),
                    m.getOrDefault("uncertain", 0), m.getOrDefault("not_applicable", 0)));
        }
        for (Map.Entry<String, List<NormDevCheck.Row>> e : r.breakdown().entrySet()) {
            md.append("\n| ").append(e.getKey()).append(" | items | coverage | accuracy on decided | accuracy, all decided |\n|---|---|---|---|---|\n");
            for (NormDevCheck.Row row : e.getValue()) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %s | %.3f |%n", row.key(), row.items(), row.coverage(),
                        row.decided() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", row.accuracy()), row.fullCoverageAccuracy()));
            }
        }
        return md.toString();
    }
}
