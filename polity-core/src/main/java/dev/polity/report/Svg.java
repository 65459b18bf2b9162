package dev.polity.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one SVG canvas of the reports: elements are added one by one, every number is written in plain ASCII
 * digits whatever the default locale, and every text and attribute value is escaped, so that the drawing is
 * well-formed XML (an inline {@code <svg>} in the HTML pages, parsed as XML by the tests).
 */
final class Svg {
    private final StringBuilder out = new StringBuilder();

    /** A drawing of {@code width} × {@code height} user units; {@code title} is its accessible name (and tooltip). */
    Svg(String cssClass, double width, double height, String title) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ").append(Html.escape(cssClass))
                .append("\" width=\"").append(num(width)).append("\" height=\"").append(num(height))
                .append("\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height))
                .append("\" role=\"img\" font-family=\"system-ui,sans-serif\" font-size=\"11\"><title>")
                .append(Html.escape(title)).append("</title>");
    }

    Svg add(Shape shape) {
        shape.writeTo(out);
        return this;
    }

    /** The finished drawing. */
    String render() {
        return out + "</svg>";
    }

    /**
     * A number for an attribute: at most two decimals, no exponent, ASCII digits ({@link BigDecimal} formats
     * without a locale). A non-finite coordinate is a bug in the chart that computed it, never data to draw.
     */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a drawable number: " + v);
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    static Shape rect(double x, double y, double width, double height) {
        return new Shape("rect").set("x", x).set("y", y).set("width", Math.max(0, width)).set("height", Math.max(0, height));
    }

    static Shape line(double x1, double y1, double x2, double y2) {
        return new Shape("line").set("x1", x1).set("y1", y1).set("x2", x2).set("y2", y2);
    }

    static Shape circle(double cx, double cy, double r) {
        return new Shape("circle").set("cx", cx).set("cy", cy).set("r", r);
    }

    static Shape text(double x, double y, String text) {
        return new Shape("text").set("x", x).set("y", y).text(text);
    }

    /** A polyline through the points (xs[i], ys[i]). */
    static Shape polyline(double[] xs, double[] ys) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            points.append(i == 0 ? "" : " ").append(num(xs[i])).append(',').append(num(ys[i]));
        }
        return new Shape("polyline").set("points", points.toString()).set("fill", "none");
    }

    /** An x-shaped cross of half-width {@code r} centred on (x, y). */
    static Shape cross(double x, double y, double r) {
        return new Shape("path").set("d", "M" + num(x - r) + " " + num(y - r) + "L" + num(x + r) + " " + num(y + r)
                + "M" + num(x - r) + " " + num(y + r) + "L" + num(x + r) + " " + num(y - r));
    }

    /** One element: its attributes in the order they were set, then a tooltip ({@code <title>}) or a text. */
    static final class Shape {
        private final String name;
        private final StringBuilder attributes = new StringBuilder();
        private String tip;
        private String text;

        private Shape(String name) {
            this.name = name;
        }

        Shape set(String attribute, double value) {
            return set(attribute, num(value));
        }

        Shape set(String attribute, String value) {
            attributes.append(' ').append(attribute).append("=\"").append(Html.escape(value)).append('"');
            return this;
        }

        /** The tooltip: shown on hover, read by screen readers. */
        Shape tip(String tip) {
            this.tip = tip;
            return this;
        }

        private Shape text(String text) {
            this.text = text;
            return this;
        }

        private void writeTo(StringBuilder out) {
            out.append('<').append(name).append(attributes);
            if (tip == null && text == null) {
                out.append("/>");
                return;
            }
            out.append('>');
            if (tip != null) {
                out.append("<title>").append(Html.escape(tip)).append("</title>");
            }
            if (text != null) {
                out.append(Html.escape(text));
            }
            out.append("</").append(name).append('>');
        }
    }
}
