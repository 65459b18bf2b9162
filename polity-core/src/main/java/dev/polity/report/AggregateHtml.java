package dev.polity.report;

import dev.polity.choice.Fit;
import dev.polity.choice.GroupAnalysis;
import dev.polity.choice.MajorityMatrix;
import dev.polity.choice.Ratings;
import dev.polity.choice.RuleResult;
import dev.polity.stats.Bootstrap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The report of {@code polity aggregate --out}: the CLI adds a section per analysis it ran. */
public final class AggregateHtml {
    private static final int MAX_BARS = 40;
    private final StringBuilder body = new StringBuilder();
    private String title;

    public AggregateHtml(String title) {
        this.title = title;
    }

    /** The heading, when the input names itself (a PrefLib title) rather than by its file name. */
    public void title(String title) {
        this.title = title;
    }

    public void rules(List<Object> items, MajorityMatrix m, List<RuleResult> results) {
        body.append("<h2>Voting rules</h2>");
        body.append(Html.table(List.of("rule", "winners", "tie broken", "ranking"), results.stream().map(r -> List.of(r.rule().id(),
                labels(items, r.winners()), r.tieBroken() ? "yes" : "no", labels(items, r.ranking()))).toList()));
        int cw = m.condorcetWinner();
        body.append("<p>Condorcet winner: <b>").append(cw < 0 ? "none" : Html.escape(String.valueOf(items.get(cw))))
                .append("</b>. Smith set: ").append(Html.escape(labels(items, m.smithSet()))).append(". Majority cycle: ")
                .append(m.hasMajorityCycle() ? "yes" : "no").append(".</p>");
        if (m.size() <= 40) {
            int n = m.size();
            double[][] v = new double[n][n];
            String[][] tips = new String[n][n];
            double max = 1e-12;
            List<String> names = names(items);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    v[a][b] = a == b ? 0 : m.margin(a, b);
                    max = Math.max(max, Math.abs(v[a][b]));
                    tips[a][b] = names.get(a) + " / " + names.get(b) + ": " + Charts.fixed(v[a][b], 4);
                }
            }
            body.append("<h3>Majority margins (row over column)</h3>").append(Charts.heatMap("margins", "Majority margin of row over column",
                    names, names, v, -max, max, Charts.Palette.DIVERGING, tips, null));
        }
    }

    public void model(List<Object> items, Fit fit, Bootstrap.Intervals ci, String model) {
        body.append("<h2>").append(Html.escape(model)).append(" strengths</h2><p>").append(fit.method().id()).append(", alpha ")
                .append(fit.alpha()).append(": ").append(fit.iterations()).append(" iterations, log-likelihood ")
                .append(Charts.fixed(fit.logLikelihood(), 6)).append(fit.converged() ? ", converged" : ", NOT converged")
                .append(ci != null ? "; 95% bootstrap intervals from " + ci.replicates() + " resamples" : "").append(".</p>");
        Integer[] order = new Integer[items.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] t = fit.theta();
        Arrays.sort(order, (a, b) -> Double.compare(t[b], t[a]));
        int k = Math.min(MAX_BARS, order.length);
        List<Charts.Bar> bars = new ArrayList<>();
        double min = 0;
        double max = 0;
        for (int j = 0; j < k; j++) {
            int i = order[j];
            String name = String.valueOf(items.get(i));
            double lo = ci == null ? Double.NaN : ci.lower()[i];
            double hi = ci == null ? Double.NaN : ci.upper()[i];
            bars.add(new Charts.Bar(name, t[i], lo, hi, null, null, name + ": " + Charts.fixed(t[i], 4)
                    + (ci == null ? "" : " [" + Charts.fixed(lo, 4) + ", " + Charts.fixed(hi, 4) + "]")));
            for (double v : new double[] {t[i], lo, hi}) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(max > min)) {
            max = min + 1;
        }
        body.append(Charts.bars("strengths", model + " log-strengths", bars, Charts.Axis.number(min, max), Charts.BarLayout.CHART));
        if (k < order.length) {
            body.append("<p>The strongest ").append(k).append(" of ").append(order.length).append(" items are shown.</p>");
        }
        double[] y = fit.trace();
        if (Arrays.stream(y).filter(Double::isFinite).count() >= 2) {
            // I-LSR measures the likelihood only at its first and last step unless asked to trace
            body.append("<h3>Log-likelihood by iteration</h3>").append(Charts.line("trace", "Log-likelihood by iteration", y,
                    "iteration 0 .. " + (y.length - 1) + "; log-likelihood " + Charts.fixed(y[0], 2) + " .. " + Charts.fixed(y[y.length - 1], 2)));
        }
    }

    public void ratings(Ratings r) {
        body.append("<p>").append(r.size()).append(" ratings of ").append(r.items().size()).append(" items by ")
                .append(r.raters().size()).append(" raters; value column '").append(Html.escape(r.valueName())).append("'.</p>");
    }

    public void groups(GroupAnalysis a) {
        List<Object> items = a.items();
        body.append("<h2>Groups and welfare</h2><p>Chosen welfare function: <b>").append(a.welfare().id())
                .append("</b>. Worst off (least agreement with the collective order): <b>").append(Html.escape(a.worstOff().group())).append("</b>.</p>");
        body.append(Html.table(List.of("group", "size", "weight", "Kendall tau", "regret", "favourite", "its collective rank"),
                a.reports().stream().map(r -> List.of(r.group(), Charts.fixed(r.size(), 0), Charts.fixed(r.weight(), 3),
                        (r.tau() >= 0 ? "+" : "") + Charts.fixed(r.tau(), 3), Charts.fixed(r.regret(), 4), String.valueOf(items.get(r.favourite())),
                        String.valueOf(r.favouriteRank()))).toList()));
        // welfare comparison: tau of every group with the collective order under each welfare function
        body.append("<h3>Which groups each welfare function sides with (Kendall tau with the collective order)</h3>");
        List<String> ws = new ArrayList<>();
        List<Charts.Series> series = new ArrayList<>();
        List<double[]> taus = new ArrayList<>();
        for (GroupAnalysis.Collective c : a.collectives().values()) {
            ws.add(c.welfare().id());
            series.add(new Charts.Series(c.welfare().id(), Charts.colour(series.size())));
            taus.add(c.tau());
        }
        body.append(Charts.groupedBars("welfare-tau", "Kendall tau of each group with the collective order", a.groups(), series,
                taus.toArray(new double[0][]), new Charts.Axis(-1, 1, v -> (v > 0 ? "+" : "") + Charts.fixed(v, 1)),
                v -> "tau " + Charts.fixed(v, 3), List.of()));
        // how the collective judgement moves: the top items under each welfare function
        body.append("<h3>Collective top 10 under each welfare function</h3>");
        List<String> head = new ArrayList<>(List.of("#"));
        head.addAll(ws);
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < Math.min(10, items.size()); k++) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(k + 1)));
            for (GroupAnalysis.Collective c : a.collectives().values()) {
                row.add(String.valueOf(items.get(c.ranking().get(k))));
            }
            rows.add(row);
        }
        body.append(Html.table(head, rows));
        // per-group rankings side by side
        body.append("<h3>Per-group rankings side by side (top 10)</h3>");
        head = new ArrayList<>(List.of("#", "collective"));
        head.addAll(a.groups());
        rows = new ArrayList<>();
        List<Integer> coll = a.collectives().get(a.welfare()).ranking();
        for (int k = 0; k < Math.min(10, items.size()); k++) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(k + 1), String.valueOf(items.get(coll.get(k)))));
            for (GroupAnalysis.GroupReport r : a.reports()) {
                row.add(String.valueOf(items.get(r.ownRanking().get(k))));
            }
            rows.add(row);
        }
        body.append(Html.table(head, rows));
        // disagreement heat map: groups x most disputed items, coloured by utility
        int k = Math.min(25, items.size());
        List<String> cols = new ArrayList<>();
        double[][] v = new double[a.groups().size()][k];
        String[][] tips = new String[a.groups().size()][k];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            int x = a.disagreement().get(j);
            cols.add(String.valueOf(items.get(x)));
            for (int g = 0; g < v.length; g++) {
                v[g][j] = a.utility()[g][x];
                tips[g][j] = a.groups().get(g) + " / " + cols.get(j) + ": " + Charts.fixed(v[g][j], 4);
                lo = Math.min(lo, v[g][j]);
                hi = Math.max(hi, v[g][j]);
            }
        }
        body.append("<h3>Where groups disagree most (group utility for the most disputed items)</h3>")
                .append(Charts.heatMap("disagreement", "Group utility for the most disputed items", a.groups(), cols, v, lo, hi,
                        Charts.Palette.SEQUENTIAL, tips, null));
    }

    public String html() {
        return Html.page("polity aggregate: " + title, "<h1>polity aggregate: " + Html.escape(title) + "</h1>" + body);
    }

    private static List<String> names(List<Object> items) {
        return items.stream().map(String::valueOf).toList();
    }

    private static String labels(List<Object> items, List<Integer> idx) {
        StringBuilder sb = new StringBuilder();
        for (int i : idx) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(items.get(i));
        }
        return sb.toString();
    }
}
