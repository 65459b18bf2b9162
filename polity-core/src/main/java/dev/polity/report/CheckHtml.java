package dev.polity.report;

import dev.polity.judge.check.GroupAgreement;
import dev.polity.judge.check.NormDevCheck;
import dev.polity.judge.check.PopquornCheck;
import dev.polity.judge.check.XsTestCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;

/** A real-data check's result as an HTML fragment (no page around it): what it shows, a chart and the table. */
public final class CheckHtml {
    static final List<Charts.Series> XSTEST_METHODS = List.of(new Charts.Series("string match", "#bdbdbd"), new Charts.Series("GPT-4 judge", "#8d8d8d"),
            new Charts.Series("default detector", "#90caf9"), new Charts.Series("trained (leave one model out)", "#1565c0"));
    static final String DEFAULT_COLOUR = "#90caf9";
    static final String TRAINED_COLOUR = "#1565c0";
    static final String HUMAN_COLOUR = "#ef6c00";

    private CheckHtml() {
    }

    /** XSTest: accuracy per model and method, on an axis from 0.5 to 1 (chance is 0.5 at best); {@code about} may quote code in backticks. */
    public static String xstest(XsTestCheck.Result r, String about, String bars) {
        List<XsTestCheck.ModelRow> rows = new ArrayList<>(r.models());
        rows.add(r.mean());
        double[][] v = new double[XSTEST_METHODS.size()][rows.size()];
        List<List<String>> table = new ArrayList<>();
        for (int g = 0; g < rows.size(); g++) {
            XsTestCheck.ModelRow row = rows.get(g);
            double[] m = {row.stringMatch(), row.gpt4Judge(), row.defaultDetector(), row.trained()};
            List<String> cells = new ArrayList<>(List.of(row.model()));
            for (int k = 0; k < m.length; k++) {
                v[k][g] = m[k];
                cells.add(Charts.fixed(m[k], 3));
            }
            table.add(cells);
        }
        return "<p>" + Html.escape(about.replace("`", "")) + "</p>"
                + Charts.groupedBars("xstest", "XSTest accuracy per model and method", rows.stream().map(XsTestCheck.ModelRow::model).toList(),
                XSTEST_METHODS, v, new Charts.Axis(0.5, 1, x -> Charts.fixed(x, 1)), x -> Charts.fixed(x, 3), List.of())
                + Html.table(List.of("model", "string match", "GPT-4 judge", "default detector", "trained, leave one model out"), table)
                + "<p>Bars: " + Html.escape(bars) + ".</p>";
    }

    /**
     * POPQUORN: Spearman per group of raters, default and trained; the band is the middle half of the annotators
     * (quartiles) and the dashed line the median annotator, the bar a judge has to reach.
     */
    public static String popquorn(PopquornCheck.Result r, String about, String bars) {
        List<PopquornCheck.GroupRow> rows = r.groups();
        double highest = DoubleStream.concat(DoubleStream.of(0.6, r.human().upperQuartile()),
                rows.stream().flatMapToDouble(g -> DoubleStream.of(g.defaultModel(), g.trained()))).filter(x -> !Double.isNaN(x)).max().orElse(0.6);
        double max = Math.ceil(highest * 10) / 10;
        double[][] v = new double[2][rows.size()];
        List<List<String>> table = new ArrayList<>();
        for (int g = 0; g < rows.size(); g++) {
            PopquornCheck.GroupRow row = rows.get(g);
            v[0][g] = row.defaultModel();
            v[1][g] = row.trained();
            table.add(List.of(row.label(), String.valueOf(row.texts()), String.valueOf(row.ratings()), Charts.fixed(row.defaultModel(), 3),
                    Charts.fixed(row.trained(), 3)));
        }
        PopquornCheck.HumanBaseline h = r.human();
        return "<p>" + Html.escape(about.replace("`", "")) + "</p>"
                + Charts.groupedBars("popquorn", "POPQUORN Spearman correlation per group of raters",
                rows.stream().map(g -> g.label() + " (" + g.texts() + ")").toList(),
                List.of(new Charts.Series("default model", DEFAULT_COLOUR), new Charts.Series("trained (5-fold CV)", TRAINED_COLOUR)),
                v, new Charts.Axis(0, max, x -> Charts.fixed(x, 1)), x -> Charts.fixed(x, 3),
                List.of(new Charts.Reference("median annotator (band: quartiles)", "median annotator", h.median(), h.lowerQuartile(), h.upperQuartile(),
                        HUMAN_COLOUR)))
                + Html.table(List.of("raters", "texts", "ratings", "default model", "trained (5-fold CV)"), table)
                + "<p>" + Html.escape(r.humanBaselineSentence()) + "</p><p>" + Html.escape(r.sidesSentence()) + " Bars: " + Html.escape(bars) + ".</p>"
                + (r.heldOut() == null ? "" : groupAgreement(r.heldOut()));
    }

    /** Whose judgement: per group on held-out texts, the pooled and the group-aware detector next to same-size samples of the largest group. */
    static String groupAgreement(GroupAgreement.Result g) {
        List<List<String>> table = new ArrayList<>();
        for (GroupAgreement.Row row : g.rows()) {
            table.add(List.of(row.label() + (row.reference() ? " (the reference)" : row.counted() ? "" : " (too few for the bar)"),
                    String.valueOf(row.texts()), String.valueOf(row.ratings()), fixedOrDash(row.largestMean()), fixedOrDash(row.pooled()),
                    row.pooledLargest().text() + " (" + row.largest() + ")", fixedOrDash(row.grouped()), row.groupedLargest().text()));
        }
        return "<h3>Whose judgement: per group on held-out texts</h3><p>" + Html.escape(String.format(java.util.Locale.ROOT,
                "%d texts held out (fold %d of %d, seed %d). Spearman with everyone's mean rating: pooled %.3f, group-aware %.3f. "
                        + "Beside each group, the same detector against as many raters of the column's largest group on the same texts "
                        + "(%d draws: mean [95%% range]).", g.heldOutTexts(), g.heldOutFold(), GroupAgreement.SPLIT_FOLDS, GroupAgreement.SPLIT_SEED,
                g.pooledOverall(), g.groupedOverall(), GroupAgreement.DRAWS)) + "</p>"
                + Html.table(List.of("raters", "texts", "ratings", "largest group's mean vs the group", "pooled vs the group", "pooled vs same-size samples of the largest group",
                        "group-aware (its head) vs the group", "group-aware vs same-size samples"), table)
                + "<p>" + Html.escape(g.bars()) + "</p>";
    }

    private static String fixedOrDash(double v) {
        return Double.isNaN(v) ? "–" : Charts.fixed(v, 3);
    }

    /** The norm judge on the development set: the accuracy-coverage curve, the headline with its intervals, and the tables. */
    public static String norms(NormDevCheck.Result r, String about, String bars) {
        double[] y = r.curve().stream().mapToDouble(NormDevCheck.CurvePoint::accuracy).toArray();
        List<List<String>> curve = new ArrayList<>();
        r.curve().forEach(p -> curve.add(List.of(Charts.fixed(p.coverage(), 1), Charts.fixed(p.accuracy(), 3))));
        StringBuilder html = new StringBuilder("<p>" + Html.escape(about.replace("`", "")) + "</p>");
        html.append(Charts.line("norm-curve", "Accuracy of the norm judge when deciding its most confident share of items (coverage 0.1 to 1.0)", y,
                "coverage 0.1 → 1.0; accuracy " + Charts.fixed(y[0], 2) + " → " + Charts.fixed(y[y.length - 1], 2)
                        + "; length-only baseline " + Charts.fixed(r.lengthBaseline(), 2)));
        html.append(Html.table(List.of("coverage", "accuracy"), curve));
        for (var e : r.breakdown().entrySet()) {
            if (e.getKey().equals("norm")) {
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            for (NormDevCheck.Row row : e.getValue()) {
                rows.add(List.of(row.key(), String.valueOf(row.items()), Charts.fixed(row.coverage(), 2),
                        row.decided() == 0 ? "-" : Charts.fixed(row.accuracy(), 3), Charts.fixed(row.fullCoverageAccuracy(), 3)));
            }
            html.append(Html.table(List.of(e.getKey(), "items", "coverage", "accuracy on decided", "accuracy, all decided"), rows));
        }
        return html.append("<p>Bars: ").append(Html.escape(bars)).append(".</p>").toString();
    }
}
