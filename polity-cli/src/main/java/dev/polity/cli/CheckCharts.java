package dev.polity.cli;

import dev.polity.judge.check.PopquornCheck;
import dev.polity.judge.check.XsTestCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small inline SVG bar charts of the real-data checks, so that the quickstart page needs no script and no network. */
final class CheckCharts {
    static final String[] XSTEST_METHODS = {"string match", "GPT-4 judge", "default detector", "trained (leave one model out)"};
    static final String[] XSTEST_COLOURS = {"#bdbdbd", "#8d8d8d", "#90caf9", "#1565c0"};
    static final String DEFAULT_COLOUR = "#90caf9";
    static final String TRAINED_COLOUR = "#1565c0";
    static final String HUMAN_COLOUR = "#ef6c00";

    private CheckCharts() {
    }

    /** Accuracy per model and method: grouped vertical bars on an axis from 0.5 to 1 (chance is 0.5 at best). */
    static String xstest(XsTestCheck.Result r) {
        List<XsTestCheck.ModelRow> groups = new ArrayList<>(r.models());
        groups.add(r.mean());
        int left = 44;
        int top = 34;
        int plotH = 200;
        int bar = 26;
        int groupW = XSTEST_METHODS.length * bar + 26;
        int width = left + groups.size() * groupW + 10;
        int height = top + plotH + 40;
        double lo = 0.5;
        double hi = 1.0;
        StringBuilder sb = svgOpen(width, height, "XSTest accuracy per model and method");
        legend(sb, 10, 14, XSTEST_METHODS, XSTEST_COLOURS);
        for (int t = 0; t <= 5; t++) {
            double v = lo + t * 0.1;
            double y = top + plotH - (v - lo) / (hi - lo) * plotH;
            sb.append(line(left, y, width - 10, y, "#e0e0e0"));
            sb.append(text(left - 4, y + 4, "end", f(v, 1)));
        }
        for (int g = 0; g < groups.size(); g++) {
            XsTestCheck.ModelRow row = groups.get(g);
            double[] v = {row.stringMatch(), row.gpt4Judge(), row.defaultDetector(), row.trained()};
            double x0 = left + g * groupW + 13;
            for (int m = 0; m < v.length; m++) {
                double clipped = Math.max(lo, Math.min(hi, v[m]));
                double h = (clipped - lo) / (hi - lo) * plotH;
                sb.append(rect(x0 + m * bar, top + plotH - h, bar - 3, h, XSTEST_COLOURS[m],
                        row.model() + ", " + XSTEST_METHODS[m] + ": " + f(v[m], 3)));
            }
            sb.append(text(x0 + v.length * bar / 2.0, top + plotH + 16, "middle", row.model()));
        }
        sb.append(line(left, top + plotH, width - 10, top + plotH, "#616161"));
        return sb.append("</svg>").toString();
    }

    /**
     * Spearman per group of raters, default and trained, as horizontal bars; the band is the middle half of
     * the annotators (quartiles) and the line the median annotator, the bar a judge has to reach.
     */
    static String popquorn(PopquornCheck.Result r) {
        List<PopquornCheck.GroupRow> rows = r.groups();
        int labelW = 300;
        int top = 34;
        int rowH = 22;
        int plotW = 360;
        int width = labelW + plotW + 20;
        int height = top + rows.size() * rowH + 30;
        double max = Math.ceil(Math.max(0.6, Math.max(r.human().upperQuartile(), rows.stream()
                .mapToDouble(g -> Math.max(g.defaultModel(), g.trained())).max().orElse(0))) * 10) / 10;
        StringBuilder sb = svgOpen(width, height, "POPQUORN Spearman correlation per group of raters");
        legend(sb, 10, 14, new String[] {"default model", "trained (5-fold CV)", "median annotator (band: quartiles)"},
                new String[] {DEFAULT_COLOUR, TRAINED_COLOUR, HUMAN_COLOUR});
        double q1 = x(r.human().lowerQuartile(), max, labelW, plotW);
        double q3 = x(r.human().upperQuartile(), max, labelW, plotW);
        double bottom = top + rows.size() * rowH;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.12\"/>",
                q1, top, Math.max(0, q3 - q1), bottom - top, HUMAN_COLOUR));
        for (int t = 0; t <= Math.round(max * 10); t++) {
            double v = t / 10.0;
            double x = x(v, max, labelW, plotW);
            sb.append(line(x, top, x, bottom, "#eeeeee"));
            sb.append(text(x, bottom + 14, "middle", f(v, 1)));
        }
        for (int i = 0; i < rows.size(); i++) {
            PopquornCheck.GroupRow g = rows.get(i);
            double y = top + i * rowH;
            sb.append(text(labelW - 6, y + 15, "end", g.label() + " (" + g.texts() + ")"));
            double d = x(Math.max(0, g.defaultModel()), max, labelW, plotW) - labelW;
            double t = x(Math.max(0, g.trained()), max, labelW, plotW) - labelW;
            sb.append(rect(labelW, y + 3, d, 8, DEFAULT_COLOUR, g.label() + ", default model: " + f(g.defaultModel(), 3)));
            sb.append(rect(labelW, y + 11, t, 8, TRAINED_COLOUR, g.label() + ", trained: " + f(g.trained(), 3)));
        }
        double med = x(r.human().median(), max, labelW, plotW);
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"4 3\"><title>median annotator: %s</title></line>",
                med, top, med, bottom, HUMAN_COLOUR, f(r.human().median(), 3)));
        sb.append(line(labelW, top, labelW, bottom, "#616161"));
        return sb.append("</svg>").toString();
    }

    private static double x(double v, double max, int left, int plotW) {
        return left + Math.min(v, max) / max * plotW;
    }

    private static StringBuilder svgOpen(int width, int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                        + "font-family=\"system-ui,sans-serif\" font-size=\"11\"><title>%s</title>", width, height, width, height, Summary.esc(title)));
    }

    private static void legend(StringBuilder sb, int x, int y, String[] names, String[] colours) {
        double at = x;
        for (int i = 0; i < names.length; i++) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", at, y - 9, colours[i]));
            sb.append(text(at + 14, y, "start", names[i]));
            at += 24 + names[i].length() * 6.2;
        }
    }

    private static String rect(double x, double y, double w, double h, String fill, String title) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                x, y, Math.max(0, w), Math.max(0, h), fill, Summary.esc(title));
    }

    private static String line(double x1, double y1, double x2, double y2, String stroke) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x1, y1, x2, y2, stroke);
    }

    private static String text(double x, double y, String anchor, String s) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor, Summary.esc(s));
    }

    private static String f(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
