package dev.polity.report;

import dev.polity.eval.Estimate;
import java.util.List;
import java.util.Locale;

/** Small inline SVG charts for the self-contained HTML report: horizontal bars with interval whiskers, and heat maps. */
final class Svg {
    private static final int LABEL = 260;
    private static final int PLOT = 420;
    private static final int ROW = 24;
    private static final int TOP = 34;

    private Svg() {
    }

    /** One bar: its label and its estimate (value and 95% interval). */
    record Bar(String label, Estimate estimate) {
    }

    /**
     * Horizontal bars on an axis from {@code min} to {@code max} (e.g. 0..1 for rates, −1..1 for
     * differences), each with a whisker for its 95% interval and its value printed beside it.
     */
    static String bars(String cssClass, String title, List<Bar> bars, double min, double max) {
        int height = TOP + ROW * Math.max(1, bars.size()) + 24;
        int width = LABEL + PLOT + 150;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"chart %s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                cssClass, width, height, width, height));
        sb.append("<title>").append(Html.escape(title)).append("</title>");
        sb.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"18\" font-weight=\"bold\" font-size=\"14\">%s</text>", Html.escape(title)));
        double zero = x(0 < min ? min : Math.min(0, max), min, max);
        int bottom = TOP + ROW * Math.max(1, bars.size());
        for (double t = min; t <= max + 1e-9; t += (max - min) / 4) {
            double gx = x(t, min, max);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>", gx, TOP - 4, gx, bottom));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>", gx, bottom + 14,
                    Math.abs(max - min) <= 2 ? String.format(Locale.ROOT, "%.0f%%", 100 * t) : String.format(Locale.ROOT, "%.2f", t)));
        }
        if (bars.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">nothing measured</text>", LABEL, TOP + 14));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = TOP + ROW * i;
            sb.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>",
                    LABEL - 6, y + 15, Html.escape(b.label())));
            Estimate e = b.estimate();
            if (e == null || e.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#888\">not measured</text>", LABEL + 4, y + 15));
                continue;
            }
            double xv = x(clamp(e.value(), min, max), min, max);
            double left = Math.min(zero, xv);
            sb.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>",
                    left, y + 4, Math.max(0.5, Math.abs(xv - zero)), ROW - 8, e.value() < 0 ? "#7aa6d8" : "#4a7ab8",
                    Html.escape(b.label() + ": " + Figures.rate(e))));
            double lo = x(clamp(e.lo(), min, max), min, max);
            double hi = x(clamp(e.hi(), min, max), min, max);
            int mid = y + ROW / 2;
            sb.append(String.format(Locale.ROOT, "<g class=\"ci\" stroke=\"#222\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/></g>",
                    lo, mid, hi, mid, lo, mid - 5, lo, mid + 5, hi, mid - 5, hi, mid + 5));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", LABEL + PLOT + 8, y + 15,
                    Html.escape(String.format(Locale.ROOT, "%.1f%% (n=%d)", 100 * e.value(), e.n()))));
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /**
     * A heat map: one row per {@code rows} entry, one column per {@code columns} entry; a cell's colour
     * runs from red (0) through amber to green (1) by its value, grey when it has none.
     */
    static String heatMap(String title, List<String> rows, List<String> columns, double[][] values, String[][] tips) {
        int cell = 64;
        int label = 300;
        int head = 90;
        int width = label + cell * Math.max(1, columns.size()) + 10;
        int height = head + 22 * Math.max(1, rows.size()) + 10;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"chart heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                width, height, width, height));
        sb.append("<title>").append(Html.escape(title)).append("</title>");
        sb.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"18\" font-weight=\"bold\" font-size=\"14\">%s</text>", Html.escape(title)));
        for (int c = 0; c < columns.size(); c++) {
            int x = label + cell * c + cell / 2;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" transform=\"rotate(-40 %d %d)\">%s</text>",
                    x, head - 6, x, head - 6, Html.escape(columns.get(c))));
        }
        for (int r = 0; r < rows.size(); r++) {
            int y = head + 22 * r;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>", label - 6, y + 15,
                    Html.escape(rows.get(r))));
            for (int c = 0; c < columns.size(); c++) {
                double v = values[r][c];
                String fill = Double.isNaN(v) ? "#e4e4e4" : String.format(Locale.ROOT, "hsl(%.0f,65%%,55%%)", 120 * v);
                sb.append(String.format(Locale.ROOT, "<rect class=\"cell\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" fill=\"%s\"><title>%s</title></rect>",
                        label + cell * c, y, cell - 2, fill, Html.escape(tips[r][c])));
                if (!Double.isNaN(v)) {
                    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.0f%%</text>",
                            label + cell * c + cell / 2 - 1, y + 14, 100 * v));
                }
            }
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private static double x(double v, double min, double max) {
        return LABEL + PLOT * (v - min) / (max - min);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
