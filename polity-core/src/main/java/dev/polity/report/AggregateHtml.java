package dev.polity.report;

import dev.polity.choice.Fit;
import dev.polity.choice.GroupAnalysis;
import dev.polity.choice.MajorityMatrix;
import dev.polity.choice.Ratings;
import dev.polity.choice.RuleResult;
import dev.polity.stats.Bootstrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A self-contained HTML report (inline SVG charts, no external resources) for {@code polity aggregate --out}: the CLI adds a section per analysis it ran. */
public final class AggregateHtml {
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
        body.append("<h2>Voting rules</h2><table><tr><th>rule</th><th>winners</th><th>tie broken</th><th>ranking</th></tr>");
        for (RuleResult r : results) {
            body.append("<tr><td>").append(r.rule().id()).append("</td><td>").append(Html.escape(labels(items, r.winners())))
                    .append("</td><td>").append(r.tieBroken() ? "yes" : "no").append("</td><td>")
                    .append(Html.escape(labels(items, r.ranking()))).append("</td></tr>");
        }
        body.append("</table>");
        int cw = m.condorcetWinner();
        body.append("<p>Condorcet winner: <b>").append(cw < 0 ? "none" : Html.escape(String.valueOf(items.get(cw))))
                .append("</b>. Smith set: ").append(Html.escape(labels(items, m.smithSet()))).append(". Majority cycle: ")
                .append(m.hasMajorityCycle() ? "yes" : "no").append(".</p>");
        if (m.size() <= 40) {
            int n = m.size();
            double[][] v = new double[n][n];
            double max = 1e-12;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    v[a][b] = a == b ? 0 : m.margin(a, b);
                    max = Math.max(max, Math.abs(v[a][b]));
                }
            }
            List<String> names = new ArrayList<>();
            for (Object o : items) {
                names.add(String.valueOf(o));
            }
            body.append("<h3>Majority margins (row over column)</h3>").append(heatMap(names, names, v, -max, max, true));
        }
    }

    public void model(List<Object> items, Fit fit, Bootstrap.Intervals ci, String model) {
        body.append("<h2>").append(Html.escape(model)).append(" strengths</h2><p>").append(fit.method().id()).append(", alpha ")
                .append(fit.alpha()).append(": ").append(fit.iterations()).append(" iterations, log-likelihood ")
                .append(String.format(Locale.ROOT, "%.6f", fit.logLikelihood())).append(fit.converged() ? ", converged" : ", NOT converged")
                .append(ci != null ? "; 95% bootstrap intervals from " + ci.replicates() + " resamples" : "").append(".</p>");
        Integer[] order = new Integer[items.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] t = fit.theta();
        java.util.Arrays.sort(order, (a, b) -> Double.compare(t[b], t[a]));
        int k = Math.min(40, order.length);
        List<String> names = new ArrayList<>();
        double[] val = new double[k];
        double[] lo = ci == null ? null : new double[k];
        double[] hi = ci == null ? null : new double[k];
        for (int j = 0; j < k; j++) {
            names.add(String.valueOf(items.get(order[j])));
            val[j] = t[order[j]];
            if (ci != null) {
                lo[j] = ci.lower()[order[j]];
                hi[j] = ci.upper()[order[j]];
            }
        }
        body.append(bars(names, val, lo, hi, k < order.length ? "top " + k + " of " + order.length : ""));
        body.append("<h3>Log-likelihood by iteration</h3>").append(line(fit.trace()));
    }

    public void ratings(Ratings r) {
        body.append("<p>").append(r.size()).append(" ratings of ").append(r.items().size()).append(" items by ")
                .append(r.raters().size()).append(" raters; value column '").append(Html.escape(r.valueName())).append("'.</p>");
    }

    public void groups(GroupAnalysis a) {
        List<Object> items = a.items();
        body.append("<h2>Groups and welfare</h2><p>Chosen welfare function: <b>").append(a.welfare().id())
                .append("</b>. Worst off (least agreement with the collective order): <b>").append(Html.escape(a.worstOff().group())).append("</b>.</p>");
        body.append("<table><tr><th>group</th><th>size</th><th>weight</th><th>Kendall tau</th><th>regret</th><th>favourite</th><th>its collective rank</th></tr>");
        for (GroupAnalysis.GroupReport r : a.reports()) {
            body.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.0f</td><td>%.3f</td><td>%+.3f</td><td>%.4f</td><td>%s</td><td>%d</td></tr>",
                    Html.escape(r.group()), r.size(), r.weight(), r.tau(), r.regret(), Html.escape(String.valueOf(items.get(r.favourite()))), r.favouriteRank()));
        }
        body.append("</table>");
        // welfare comparison: tau of every group with the collective order under each welfare function
        body.append("<h3>Which groups each welfare function sides with (Kendall tau with the collective order)</h3>");
        List<String> ws = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        for (GroupAnalysis.Collective c : a.collectives().values()) {
            ws.add(c.welfare().id());
            series.add(c.tau());
        }
        body.append(groupedBars(a.groups(), ws, series));
        // how the collective judgement moves: the top items under each welfare function
        body.append("<h3>Collective top 10 under each welfare function</h3><table><tr><th>#</th>");
        for (String w : ws) {
            body.append("<th>").append(w).append("</th>");
        }
        body.append("</tr>");
        for (int k = 0; k < Math.min(10, items.size()); k++) {
            body.append("<tr><td>").append(k + 1).append("</td>");
            for (GroupAnalysis.Collective c : a.collectives().values()) {
                body.append("<td>").append(Html.escape(String.valueOf(items.get(c.ranking().get(k))))).append("</td>");
            }
            body.append("</tr>");
        }
        body.append("</table>");
        // per-group rankings side by side
        body.append("<h3>Per-group rankings side by side (top 10)</h3><table><tr><th>#</th><th>collective</th>");
        for (String g : a.groups()) {
            body.append("<th>").append(Html.escape(g)).append("</th>");
        }
        body.append("</tr>");
        List<Integer> coll = a.collectives().get(a.welfare()).ranking();
        for (int k = 0; k < Math.min(10, items.size()); k++) {
            body.append("<tr><td>").append(k + 1).append("</td><td>").append(Html.escape(String.valueOf(items.get(coll.get(k))))).append("</td>");
            for (GroupAnalysis.GroupReport r : a.reports()) {
                body.append("<td>").append(Html.escape(String.valueOf(items.get(r.ownRanking().get(k))))).append("</td>");
            }
            body.append("</tr>");
        }
        body.append("</table>");
        // disagreement heat map: groups x most disputed items, coloured by utility
        int k = Math.min(25, items.size());
        List<String> cols = new ArrayList<>();
        double[][] v = new double[a.groups().size()][k];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            int x = a.disagreement().get(j);
            cols.add(String.valueOf(items.get(x)));
            for (int g = 0; g < v.length; g++) {
                v[g][j] = a.utility()[g][x];
                lo = Math.min(lo, v[g][j]);
                hi = Math.max(hi, v[g][j]);
            }
        }
        body.append("<h3>Where groups disagree most (group utility for the most disputed items)</h3>")
                .append(heatMap(a.groups(), cols, v, lo, hi, false));
    }

    public String html() {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>polity aggregate: " + Html.escape(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}th{background:#f3f3f3}svg{display:block;margin:1em 0}"
                + "</style></head><body><h1>polity aggregate: " + Html.escape(title) + "</h1>" + body + "</body></html>\n";
    }

    private static String heatMap(List<String> rows, List<String> cols, double[][] v, double lo, double hi, boolean diverging) {
        int cell = 22;
        int left = 170;
        int top = 90;
        int w = left + cols.size() * cell + 10;
        int h = top + rows.size() * cell + 10;
        StringBuilder s = new StringBuilder(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"10\">", w, h));
        for (int j = 0; j < cols.size(); j++) {
            s.append(String.format("<text transform=\"translate(%d,%d) rotate(-60)\">%s</text>", left + j * cell + 12, top - 4, Html.escape(cut(cols.get(j)))));
        }
        for (int i = 0; i < rows.size(); i++) {
            s.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", left - 4, top + i * cell + 15, Html.escape(cut(rows.get(i)))));
            for (int j = 0; j < cols.size(); j++) {
                double t = hi > lo ? (v[i][j] - lo) / (hi - lo) : 0.5;
                String colour = diverging ? diverging(t) : sequential(t);
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s / %s: %.4g</title></rect>",
                        left + j * cell, top + i * cell, cell - 1, cell - 1, colour, Html.escape(rows.get(i)), Html.escape(cols.get(j)), v[i][j]));
            }
        }
        return s.append("</svg>").toString();
    }

    private static String bars(List<String> names, double[] v, double[] lo, double[] hi, String caption) {
        int row = 16;
        int left = 170;
        int width = 500;
        double min = 0;
        double max = 0;
        for (int i = 0; i < v.length; i++) {
            min = Math.min(min, lo == null ? v[i] : lo[i]);
            max = Math.max(max, hi == null ? v[i] : hi[i]);
        }
        double span = max - min == 0 ? 1 : max - min;
        int h = v.length * row + 30;
        StringBuilder s = new StringBuilder(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">", left + width + 80, h));
        double zero = left + (0 - min) / span * width;
        for (int i = 0; i < v.length; i++) {
            double x0 = left + (Math.min(0, v[i]) - min) / span * width;
            double x1 = left + (Math.max(0, v[i]) - min) / span * width;
            int y = i * row + 5;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", left - 4, y + 11, Html.escape(cut(names.get(i)))));
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%.4f</title></rect>",
                    x0, y, Math.max(0.5, x1 - x0), row - 4, v[i] >= 0 ? "#3b75af" : "#c0504d", v[i]));
            if (lo != null) {
                double a = left + (lo[i] - min) / span * width;
                double b = left + (hi[i] - min) / span * width;
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#222\"/>", a, b, y + row / 2 - 2, y + row / 2 - 2));
            }
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" stroke=\"#888\"/>", zero, zero, h - 20));
        s.append(String.format("<text x=\"%d\" y=\"%d\">%s</text>", left, h - 5, Html.escape(caption)));
        return s.append("</svg>").toString();
    }

    private static String groupedBars(List<String> groups, List<String> series, List<double[]> values) {
        String[] palette = {"#3b75af", "#e1812c", "#3a923a", "#c03d3e"};
        int row = 14;
        int block = series.size() * row + 8;
        int left = 220;
        int width = 400;
        int h = groups.size() * block + 40;
        StringBuilder s = new StringBuilder(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">", left + width + 60, h));
        double mid = left + width / 2.0;
        for (int g = 0; g < groups.size(); g++) {
            int y0 = g * block + 5;
            s.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", left - 4, y0 + block / 2, Html.escape(cut(groups.get(g)))));
            for (int k = 0; k < series.size(); k++) {
                double t = values.get(k)[g];
                double x0 = Math.min(mid, mid + t * width / 2);
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s, %s: tau %.3f</title></rect>",
                        x0, y0 + k * row, Math.max(0.5, Math.abs(t) * width / 2), row - 2, palette[k % palette.length], Html.escape(groups.get(g)), series.get(k), t));
            }
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" stroke=\"#888\"/>", mid, mid, h - 30));
        for (int k = 0; k < series.size(); k++) {
            s.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
                    left + k * 110, h - 20, palette[k % palette.length], left + k * 110 + 14, h - 11, series.get(k)));
        }
        s.append(String.format("<text x=\"%d\" y=\"%d\">-1</text><text x=\"%d\" y=\"%d\">+1</text>", left, h - 24, left + width - 12, h - 24));
        return s.append("</svg>").toString();
    }

    private static String line(double[] y) {
        int w = 500;
        int h = 160;
        if (y.length < 2) {
            return "";
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double span = hi - lo == 0 ? 1 : hi - lo;
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < y.length; i++) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", 40 + i * (w - 50.0) / (y.length - 1), 10 + (hi - y[i]) / span * (h - 30)));
        }
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"10\"><polyline fill=\"none\" stroke=\"#3b75af\" points=\"%s\"/>"
                + "<text x=\"40\" y=\"%d\">iteration 0 .. %d; log-likelihood %.2f .. %.2f</text></svg>", w, h, pts, h - 4, y.length - 1, y[0], y[y.length - 1]);
    }

    private static String sequential(double t) {
        int r = (int) (247 - t * (247 - 8));
        int g = (int) (251 - t * (251 - 69));
        int b = (int) (255 - t * (255 - 148));
        return String.format("rgb(%d,%d,%d)", r, g, b);
    }

    private static String diverging(double t) {
        // 0 -> red (loses), 0.5 -> white, 1 -> blue (wins)
        if (t < 0.5) {
            int c = (int) (255 * t * 2);
            return String.format("rgb(255,%d,%d)", c, c);
        }
        int c = (int) (255 * (1 - t) * 2);
        return String.format("rgb(%d,%d,255)", c, c);
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

    private static String cut(String s) {
        return s.length() > 28 ? s.substring(0, 27) + "…" : s;
    }

}
