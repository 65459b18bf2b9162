package dev.polity.report;

import static dev.polity.report.Xhtml.all;
import static dev.polity.report.Xhtml.byTip;
import static dev.polity.report.Xhtml.number;
import static dev.polity.report.Xhtml.parse;
import static dev.polity.report.Xhtml.tip;
import static dev.polity.report.Xhtml.withClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ChartsTest {

    @Test
    void theEscaperEscapesEveryMarkupCharacterAndWhatXmlCannotCarry() {
        assertThat(Html.escape("a & b < c > d \"e\" 'f'")).isEqualTo("a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
        assertThat(Html.escape("tab\tline\nbell\u0007 nul\u0000 lone\uD800 pair\uD83D\uDE00 \uFFFE")).isEqualTo("tab\tline\nbell  nul  lone\uFFFD pair\uD83D\uDE00 \uFFFD");
        assertThat(Html.escape(null)).isEmpty();
        // what it escapes parses back to the very text, in an element and in either kind of quoted attribute
        String text = "<x y='1' z=\"2\">&amp;</x>";
        Element e = parse("<p a='" + Html.escape(text) + "' b=\"" + Html.escape(text) + "\">" + Html.escape(text) + "</p>").getDocumentElement();
        assertThat(e.getTextContent()).isEqualTo(text);
        assertThat(e.getAttribute("a")).isEqualTo(text);
        assertThat(e.getAttribute("b")).isEqualTo(text);
    }

    @Test
    void theCanvasWritesPlainNumbersAndEscapesText() {
        assertThat(Svg.num(12)).isEqualTo("12");
        assertThat(Svg.num(-0.0)).isEqualTo("0");
        assertThat(Svg.num(0.125)).isEqualTo("0.13");
        assertThat(Svg.num(-3.5)).isEqualTo("-3.5");
        assertThat(Svg.num(1e9)).isEqualTo("1000000000");
        assertThat(Svg.num(1e-7)).isEqualTo("0");
        assertThatThrownBy(() -> Svg.num(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        String svg = new Svg("x", 100, 50, "a <title> & 'more'").add(Svg.text(1, 2, "</svg><script>").set("fill", "\"red\"").tip("t'ip"))
                .add(Svg.rect(0, 0, -5, 3)).render();
        Element root = parse(svg).getDocumentElement();
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 100 50");
        assertThat(tip(root)).isEqualTo("a <title> & 'more'");
        Element text = all(root, "text").get(0);
        assertThat(text.getLastChild().getNodeValue()).isEqualTo("</svg><script>");
        assertThat(text.getAttribute("fill")).isEqualTo("\"red\"");
        assertThat(tip(text)).isEqualTo("t'ip");
        assertThat(all(root, "rect").get(0).getAttribute("width")).as("negative sizes are drawn empty").isEqualTo("0");
    }

    @Test
    void axisTicksFallOnRoundSteps() {
        assertThat(Charts.Axis.percent(0, 1).ticks()).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1);
        assertThat(Charts.Axis.percent(-1, 1).ticks()).containsExactly(-1, -0.5, 0, 0.5, 1);
        assertThat(Charts.Axis.number(0.5, 1).ticks()).hasSize(6);
        assertThat(Charts.Axis.number(-0.37, 2.9).ticks()).containsExactly(0, 1, 2);
        assertThatThrownBy(() -> Charts.Axis.number(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void barsRunFromZeroToTheirValueWithWhiskersAndNotes() {
        List<Charts.Bar> bars = List.of(new Charts.Bar("a", 0.5, 0.25, 0.75, null, "50%", "a: 50%"),
                new Charts.Bar("b", -0.5, Double.NaN, Double.NaN, null, null, "b: -50%"),
                new Charts.Bar("c", Double.NaN, Double.NaN, Double.NaN, null, null, null),
                new Charts.Bar("d", 2, Double.NaN, Double.NaN, "#123456", null, "d: off the axis"));
        Element svg = parse(Charts.bars("t", "Title", bars, Charts.Axis.percent(-1, 1), Charts.BarLayout.CHART)).getDocumentElement();
        List<Element> rects = withClass(svg, "rect", "bar");
        assertThat(rects).extracting(Xhtml::tip).containsExactly("a: 50%", "b: -50%", "d: off the axis");
        Element a = rects.get(0);
        Element b = rects.get(1);
        Element d = rects.get(2);
        // the axis runs over 420 units from −1 to 1: zero is at the middle, 0.5 a quarter further
        double zero = number(a, "x");
        assertThat(number(a, "width")).isCloseTo(105, within(0.01));
        assertThat(number(b, "x") + number(b, "width")).isCloseTo(zero, within(0.01));
        assertThat(number(b, "width")).isCloseTo(105, within(0.01));
        assertThat(number(d, "width")).as("clamped to the axis").isCloseTo(210, within(0.01));
        assertThat(d.getAttribute("fill")).isEqualTo("#123456");
        assertThat(withClass(svg, "polyline", "ci")).hasSize(1);
        assertThat(all(svg, "text").stream().map(Element::getTextContent)).contains("not measured", "50%", "-100%", "0%", "100%");
    }

    @Test
    void groupedBarsHaveOneBarPerGroupAndSeriesAndTheReference() {
        double[][] v = {{0.2, 0.4, Double.NaN}, {0.6, 0.8, 1}};
        Element svg = parse(Charts.groupedBars("g", "Grouped", List.of("one", "two", "three"),
                List.of(new Charts.Series("first", "#111111"), new Charts.Series("second", "#222222")), v, Charts.Axis.number(0, 1),
                x -> Charts.fixed(x, 2), List.of(new Charts.Reference("people (band: quartiles)", "people", 0.5, 0.4, 0.6, "#333333"))))
                .getDocumentElement();
        assertThat(withClass(svg, "rect", "bar")).extracting(Xhtml::tip)
                .containsExactly("one, first: 0.20", "one, second: 0.60", "two, first: 0.40", "two, second: 0.80", "three, second: 1.00");
        assertThat(number(byTip(svg, "rect", "two, second: 0.80"), "width")).isCloseTo(320, within(0.01));
        Element line = byTip(svg, "line", "people: 0.50");
        assertThat(line.getAttribute("stroke-dasharray")).isEqualTo("4 3");
        assertThat(all(svg, "text").stream().map(Element::getTextContent)).contains("first", "second", "people (band: quartiles)");
    }

    @Test
    void aHeatMapHasACellPerRowAndColumnGreyWhereNothingIsKnown() {
        double[][] v = {{0, 1}, {Double.NaN, 0.5}};
        String[][] tips = {{"r1 c1", "r1 c2"}, {"r2 c1", "r2 c2"}};
        Element svg = parse(Charts.heatMap("h", "Heat", List.of("r1", "r2"), List.of("c1", "c2"), v, 0, 1, Charts.Palette.RED_TO_GREEN, tips,
                x -> Charts.fixed(100 * x, 0) + "%")).getDocumentElement();
        List<Element> cells = withClass(svg, "rect", "cell");
        assertThat(cells).extracting(Xhtml::tip).containsExactly("r1 c1", "r1 c2", "r2 c1", "r2 c2");
        assertThat(cells).extracting(c -> c.getAttribute("fill")).containsExactly("hsl(0,65%,55%)", "hsl(120,65%,55%)", "#e4e4e4", "hsl(60,65%,55%)");
        assertThat(all(svg, "text").stream().map(Element::getTextContent)).contains("0%", "100%", "50%").doesNotContain("NaN%");
        assertThat(Charts.Palette.DIVERGING.colour(0)).isEqualTo("rgb(255,0,0)");
        assertThat(Charts.Palette.DIVERGING.colour(0.5)).isEqualTo("rgb(255,255,255)");
        assertThat(Charts.Palette.DIVERGING.colour(1)).isEqualTo("rgb(0,0,255)");
    }

    @Test
    void aScatterScalesEachLayerToTheSquare() {
        List<Charts.Point> dots = List.of(new Charts.Point(1, 0, "#a", "p1"), new Charts.Point(-2, 2, "#b", "p2"), new Charts.Point(Double.NaN, 0, "#c", "p3"));
        List<Charts.Point> crosses = List.of(new Charts.Point(0.1, 0, "#000", "s1"));
        Element svg = parse(Charts.scatter("s", "Map", List.of(new Charts.Layer(dots, false), new Charts.Layer(crosses, true)))).getDocumentElement();
        List<Element> circles = withClass(svg, "circle", "point");
        assertThat(circles).extracting(Xhtml::tip).containsExactly("p1", "p2");
        // the farthest dot reaches 20 units from the edge of the 520 square; y grows upwards
        assertThat(number(circles.get(1), "cx")).isCloseTo(20, within(0.01));
        assertThat(number(circles.get(1), "cy")).isCloseTo(20, within(0.01));
        assertThat(number(circles.get(0), "cx")).isCloseTo(260 + 120, within(0.01));
        Element cross = withClass(svg, "path", "marker").get(0);
        assertThat(tip(cross)).isEqualTo("s1");
        assertThat(cross.getAttribute("d")).isEqualTo("M498 258L502 262M498 262L502 258");
    }
}
