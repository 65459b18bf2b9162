package dev.polity.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The charts of every HTML report, each drawn on an {@link Svg}: horizontal bars (with interval whiskers),
 * grouped bars (with reference bands), heat maps, a scatter of points and crosses, and a line. Values that are
 * NaN are not drawn; the chart says so where a reader would look for them.
 */
final class Charts {
    /** Colours of groups and series, in order (ColorBrewer Dark2, readable for most colour-vision deficiencies). */
    static final List<String> PALETTE = List.of("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666");
    static final String BAR = "#4a7ab8";
    static final String NEGATIVE = "#9dbbe0";
    private static final String GRID = "#e4e4e4";
    private static final String AXIS = "#666";
    private static final String MISSING = "#e4e4e4";
    private static final double CHAR = 6.2;

    private Charts() {
    }

    static String colour(int i) {
        return PALETTE.get(Math.floorMod(i, PALETTE.size()));
    }

    /** A value axis from {@code min} to {@code max} with its tick labels. */
    record Axis(double min, double max, DoubleFunction<String> label) {
        Axis {
            if (!(max > min)) {
                throw new IllegalArgumentException("an axis needs min < max, got " + min + " .. " + max);
            }
        }

        /** Shares written as percentages. */
        static Axis percent(double min, double max) {
            return new Axis(min, max, v -> fixed(100 * v, 0) + "%");
        }

        static Axis number(double min, double max) {
            return new Axis(min, max, v -> fixed(v, 2));
        }

        double clamp(double v) {
            return Math.max(min, Math.min(max, v));
        }

        /** Ticks at a round step (1, 2, 2.5 or 5 times a power of ten) giving four to ten ticks. */
        double[] ticks() {
            double raw = (max - min) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude * 10;
            for (double m : new double[] {1, 2, 2.5, 5}) {
                if (m * magnitude >= raw - 1e-12) {
                    step = m * magnitude;
                    break;
                }
            }
            long first = (long) Math.ceil(min / step - 1e-9);
            long last = (long) Math.floor(max / step + 1e-9);
            double[] t = new double[(int) (last - first + 1)];
            for (int i = 0; i < t.length; i++) {
                t[i] = (first + i) * step;
            }
            return t;
        }
    }

    /**
     * One bar: its value, an interval ({@code lo}, {@code hi}; NaN for none), its colour (null: by sign), a note
     * printed after the plot (null: none) and its tooltip. A NaN value is drawn as "not measured".
     */
    record Bar(String label, double value, double lo, double hi, String colour, String note, String tip) {
        static Bar of(String label, double value, String tip) {
            return new Bar(label, value, Double.NaN, Double.NaN, null, null, tip);
        }
    }

    /** How a bar chart is laid out: a full chart with heading and axis, or a small one inside a table cell. */
    record BarLayout(int plotWidth, int rowHeight, boolean framed) {
        static final BarLayout CHART = new BarLayout(420, 24, true);
        static final BarLayout INLINE = new BarLayout(70, 14, false);
    }

    /** Horizontal bars from zero (or the axis end nearest to it) to each value, with whiskers for intervals. */
    static String bars(String cssClass, String title, List<Bar> bars, Axis axis, BarLayout layout) {
        int rowH = layout.rowHeight();
        double label = layout.framed() ? labelWidth(bars.stream().map(Bar::label).toList(), 120) : labelWidth(bars.stream().map(Bar::label).toList(), 0);
        double top = layout.framed() ? 30 : 0;
        double plotW = layout.plotWidth();
        double noteW = CHAR * bars.stream().map(Bar::note).filter(n -> n != null).mapToInt(String::length).max().orElse(0) + 12;
        int rows = Math.max(1, bars.size());
        double bottom = top + rowH * rows;
        double width = label + plotW + noteW;
        Svg svg = new Svg(cssClass, width, bottom + (layout.framed() ? 22 : 0), title);
        DoubleFunction<Double> x = v -> label + plotW * (axis.clamp(v) - axis.min()) / (axis.max() - axis.min());
        if (layout.framed()) {
            heading(svg, title);
            for (double t : axis.ticks()) {
                svg.add(Svg.line(x.apply(t), top - 4, x.apply(t), bottom).set("stroke", GRID));
                svg.add(Svg.text(x.apply(t), bottom + 14, axis.label().apply(t)).set("text-anchor", "middle").set("font-size", 10));
            }
            if (bars.isEmpty()) {
                svg.add(Svg.text(label, top + 15, "nothing measured").set("font-size", 12));
            }
        }
        double zero = x.apply(0);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = top + rowH * i;
            double mid = y + rowH / 2.0;
            if (label > 0) {
                svg.add(label(label - 6, mid + 4, b.label()).set("class", "label").set("text-anchor", "end"));
            }
            if (Double.isNaN(b.value())) {
                svg.add(Svg.text(label + 4, mid + 4, "not measured").set("fill", "#888"));
                continue;
            }
            double xv = x.apply(b.value());
            String fill = b.colour() != null ? b.colour() : b.value() < 0 ? NEGATIVE : BAR;
            svg.add(Svg.rect(Math.min(zero, xv), y + rowH * 0.18, Math.max(0.5, Math.abs(xv - zero)), rowH * 0.64)
                    .set("class", "bar").set("fill", fill).tip(b.tip()));
            if (!Double.isNaN(b.lo()) && !Double.isNaN(b.hi())) {
                double lo = x.apply(b.lo());
                double hi = x.apply(b.hi());
                double cap = rowH * 0.2;
                svg.add(Svg.polyline(new double[] {lo, lo, lo, hi, hi, hi}, new double[] {mid - cap, mid + cap, mid, mid, mid - cap, mid + cap})
                        .set("class", "ci").set("stroke", "#222"));
            }
            if (b.note() != null) {
                svg.add(Svg.text(label + plotW + 8, mid + 4, b.note()));
            }
        }
        return svg.render();
    }

    /** One series of grouped bars: its name in the legend and its colour. */
    record Series(String name, String colour) {
    }

    /** A reference on the value axis: a dashed line at {@code value}, over a band from {@code lo} to {@code hi} (NaN: none). */
    record Reference(String legend, String name, double value, double lo, double hi, String colour) {
    }

    /**
     * Groups of horizontal bars, one bar per series within each group ({@code values[series][group]}), with a
     * legend and optional reference lines; each bar's tooltip is "group, series: value".
     */
    static String groupedBars(String cssClass, String title, List<String> groups, List<Series> series, double[][] values, Axis axis,
                              DoubleFunction<String> valueText, List<Reference> references) {
        double barH = 9;
        double block = series.size() * barH + 10;
        double label = labelWidth(groups, 120);
        double plotW = 400;
        double top = 50;
        double bottom = top + block * Math.max(1, groups.size());
        double legendW = 10;
        for (Series s : series) {
            legendW += 24 + CHAR * s.name().length();
        }
        for (Reference r : references) {
            legendW += 24 + CHAR * r.legend().length();
        }
        double width = Math.max(label + plotW + 20, legendW);
        Svg svg = new Svg(cssClass, width, bottom + 22, title);
        heading(svg, title);
        DoubleFunction<Double> x = v -> label + plotW * (axis.clamp(v) - axis.min()) / (axis.max() - axis.min());
        double at = 4;
        for (Series s : series) {
            at = legend(svg, at, s.name(), s.colour());
        }
        for (Reference r : references) {
            at = legend(svg, at, r.legend(), r.colour());
        }
        for (Reference r : references) {
            if (!Double.isNaN(r.lo()) && !Double.isNaN(r.hi())) {
                svg.add(Svg.rect(x.apply(r.lo()), top, x.apply(r.hi()) - x.apply(r.lo()), bottom - top).set("fill", r.colour()).set("fill-opacity", 0.12));
            }
        }
        for (double t : axis.ticks()) {
            svg.add(Svg.line(x.apply(t), top, x.apply(t), bottom).set("stroke", GRID));
            svg.add(Svg.text(x.apply(t), bottom + 14, axis.label().apply(t)).set("text-anchor", "middle").set("font-size", 10));
        }
        double zero = x.apply(0);
        for (int g = 0; g < groups.size(); g++) {
            double y0 = top + block * g + 5;
            svg.add(label(label - 6, y0 + series.size() * barH / 2 + 4, groups.get(g)).set("text-anchor", "end"));
            for (int k = 0; k < series.size(); k++) {
                double v = values[k][g];
                if (Double.isNaN(v)) {
                    continue;
                }
                double xv = x.apply(v);
                svg.add(Svg.rect(Math.min(zero, xv), y0 + k * barH, Math.abs(xv - zero), barH - 1).set("class", "bar")
                        .set("fill", series.get(k).colour()).tip(groups.get(g) + ", " + series.get(k).name() + ": " + valueText.apply(v)));
            }
        }
        svg.add(Svg.line(zero, top, zero, bottom).set("stroke", AXIS));
        for (Reference r : references) {
            if (Double.isNaN(r.value())) {
                continue;
            }
            svg.add(Svg.line(x.apply(r.value()), top, x.apply(r.value()), bottom).set("stroke", r.colour()).set("stroke-width", 2)
                    .set("stroke-dasharray", "4 3").tip(r.name() + ": " + valueText.apply(r.value())));
        }
        return svg.render();
    }

    /** How a heat map colours its cells. */
    enum Palette {
        /** Red (low) through amber to green (high), for shares where high is good. */
        RED_TO_GREEN,
        /** Red (low) through white to blue (high), for signed values centred on the middle of the range. */
        DIVERGING,
        /** White (low) to dark blue (high). */
        SEQUENTIAL;

        String colour(double t) {
            double u = Math.max(0, Math.min(1, t));
            return switch (this) {
                case RED_TO_GREEN -> String.format(Locale.ROOT, "hsl(%.0f,65%%,55%%)", 120 * u);
                case DIVERGING -> u < 0.5 ? rgb(255, 510 * u, 510 * u) : rgb(510 * (1 - u), 510 * (1 - u), 255);
                case SEQUENTIAL -> rgb(247 - u * (247 - 8), 251 - u * (251 - 69), 255 - u * (255 - 148));
            };
        }

        private static String rgb(double r, double g, double b) {
            return String.format(Locale.ROOT, "rgb(%d,%d,%d)", (int) r, (int) g, (int) b);
        }
    }

    /**
     * A heat map, rows × columns, each cell coloured by where its value lies between {@code lo} and {@code hi};
     * NaN cells are grey. {@code cellText} (null: none) prints a figure in every coloured cell.
     */
    static String heatMap(String cssClass, String title, List<String> rows, List<String> columns, double[][] values, double lo, double hi,
                          Palette palette, String[][] tips, DoubleFunction<String> cellText) {
        double cellW = cellText != null ? 56 : 22;
        double cellH = 22;
        double label = labelWidth(rows, 60);
        // column labels slant up to the right at 50 degrees: room above the cells and beside the last one
        double columnLabel = labelWidth(columns, 20);
        double head = 30 + 0.77 * columnLabel;
        double width = label + cellW * Math.max(1, columns.size()) + Math.max(20, 0.64 * columnLabel);
        double height = head + cellH * Math.max(1, rows.size()) + 6;
        Svg svg = new Svg(cssClass, width, height, title);
        heading(svg, title);
        for (int c = 0; c < columns.size(); c++) {
            double x = label + cellW * c + cellW / 2;
            svg.add(label(x, head - 6, columns.get(c)).set("transform", "rotate(-50 " + Svg.num(x) + " " + Svg.num(head - 6) + ")"));
        }
        for (int r = 0; r < rows.size(); r++) {
            double y = head + cellH * r;
            svg.add(label(label - 6, y + 15, rows.get(r)).set("text-anchor", "end"));
            for (int c = 0; c < columns.size(); c++) {
                double v = values[r][c];
                String fill = Double.isNaN(v) ? MISSING : palette.colour(hi > lo ? (v - lo) / (hi - lo) : 0.5);
                svg.add(Svg.rect(label + cellW * c, y, cellW - 2, cellH - 2).set("class", "cell").set("fill", fill).tip(tips[r][c]));
                if (cellText != null && !Double.isNaN(v)) {
                    svg.add(Svg.text(label + cellW * c + cellW / 2 - 1, y + 15, cellText.apply(v)).set("text-anchor", "middle").set("font-size", 10));
                }
            }
        }
        return svg.render();
    }

    /** A point of a scatter: where, its colour and its tooltip. */
    record Point(double x, double y, String colour, String tip) {
    }

    /** Points drawn alike and scaled together: dots, or crosses; the point at {@code highlight} (-1: none) is ringed. */
    record Layer(List<Point> points, boolean crosses, int highlight) {
        Layer(List<Point> points, boolean crosses) {
            this(points, crosses, -1);
        }
    }

    /**
     * A square scatter centred on the origin, with axes through it. Each layer is scaled on its own to fill the
     * square, as in a biplot (Gabriel, 1971), so that loadings and projections of different sizes both show.
     */
    static String scatter(String cssClass, String title, List<Layer> layers) {
        double size = 520;
        double half = size / 2;
        Svg svg = new Svg(cssClass, size, size, title);
        svg.add(Svg.rect(0.5, 0.5, size - 1, size - 1).set("fill", "#fff").set("stroke", "#ccc"));
        svg.add(Svg.line(0, half, size, half).set("stroke", "#eee"));
        svg.add(Svg.line(half, 0, half, size).set("stroke", "#eee"));
        for (Layer layer : layers) {
            double max = 1e-9;
            for (Point p : layer.points()) {
                if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                    max = Math.max(max, Math.max(Math.abs(p.x()), Math.abs(p.y())));
                }
            }
            double scale = (half - 20) / max;
            for (int i = 0; i < layer.points().size(); i++) {
                Point p = layer.points().get(i);
                if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
                    continue;
                }
                double x = half + p.x() * scale;
                double y = half - p.y() * scale;
                svg.add(layer.crosses() ? Svg.cross(x, y, 2).set("class", "marker").set("stroke", p.colour()).tip(p.tip())
                        : Svg.circle(x, y, 3).set("class", "point").set("fill", p.colour()).set("fill-opacity", 0.7).tip(p.tip()));
                if (i == layer.highlight()) {
                    svg.add(Svg.circle(x, y, 8).set("class", "you").set("fill", "none").set("stroke", "#000").set("stroke-width", 2).tip(p.tip()));
                }
            }
        }
        return svg.render();
    }

    /** The values as a line over their index, with a caption under it; NaN values (steps not measured) are left out. */
    static String line(String cssClass, String title, double[] y, String caption) {
        double w = 500;
        double h = 160;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (double v : y) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                finite++;
            }
        }
        double span = hi - lo == 0 ? 1 : hi - lo;
        double[] xs = new double[finite];
        double[] ys = new double[finite];
        for (int i = 0, k = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                xs[k] = 40 + i * (w - 50) / Math.max(1, y.length - 1);
                ys[k++] = 10 + (hi - y[i]) / span * (h - 30);
            }
        }
        Svg svg = new Svg(cssClass, w, h, title);
        svg.add(Svg.polyline(xs, ys).set("class", "series").set("stroke", BAR));
        svg.add(Svg.text(40, h - 4, caption).set("font-size", 10));
        return svg.render();
    }

    /** {@code v} with {@code digits} decimals, in ASCII digits. */
    static String fixed(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static void heading(Svg svg, String title) {
        svg.add(Svg.text(4, 18, title).set("font-weight", "bold").set("font-size", 13));
    }

    private static double legend(Svg svg, double at, String name, String colour) {
        svg.add(Svg.rect(at, 27, 10, 10).set("fill", colour));
        svg.add(Svg.text(at + 14, 36, name));
        return at + 24 + CHAR * name.length();
    }

    /** Room for the longest label (cut to 40 characters), at least {@code min}. */
    private static double labelWidth(List<String> labels, double min) {
        int longest = labels.stream().mapToInt(s -> cut(s).length()).max().orElse(0);
        return longest == 0 ? min : Math.max(min, CHAR * longest + 12);
    }

    /** A label cut to 40 characters, the whole of it as the tooltip when it was cut. */
    private static Svg.Shape label(double x, double y, String s) {
        String shown = cut(s);
        Svg.Shape t = Svg.text(x, y, shown);
        return shown.equals(s) ? t : t.tip(s);
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 39) + "…" : s;
    }
}
