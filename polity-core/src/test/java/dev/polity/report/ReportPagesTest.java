package dev.polity.report;

import static dev.polity.report.Xhtml.all;
import static dev.polity.report.Xhtml.chart;
import static dev.polity.report.Xhtml.charts;
import static dev.polity.report.Xhtml.number;
import static dev.polity.report.Xhtml.withClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.polity.choice.Choices;
import dev.polity.choice.Comparisons;
import dev.polity.choice.Fit;
import dev.polity.choice.GroupAnalysis;
import dev.polity.choice.LuceModel;
import dev.polity.choice.MajorityMatrix;
import dev.polity.choice.Rule;
import dev.polity.choice.RuleResult;
import dev.polity.choice.Welfare;
import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.PlantedConversation;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Context;
import dev.polity.norms.Lint;
import dev.polity.norms.Resolution;
import dev.polity.norms.Resolver;
import dev.polity.stats.Bootstrap;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The aggregate, deliberation and quickstart pages and the real-data check fragments, read back as XML. */
class ReportPagesTest {
    static final List<Object> ITEMS = List.of("alpha", "beta <b>", "gamma & co", "delta");

    /** Who beat whom: a beats b beats c beats d mostly, with an upset in every pair so that every strength exists. */
    static Comparisons comparisons() {
        String games = "ab ab ab ab ba ac ac ac ac ac ca ad ad ad ad ad ad da bc bc bc bc cb bd bd bd bd bd db cd cd cd cd dc";
        String[] g = games.split(" ");
        int[] winner = new int[g.length];
        int[] loser = new int[g.length];
        for (int i = 0; i < g.length; i++) {
            winner[i] = g[i].charAt(0) - 'a';
            loser[i] = g[i].charAt(1) - 'a';
        }
        return Comparisons.of(ITEMS, winner, loser);
    }

    static String aggregatePage() {
        Comparisons c = comparisons();
        double[][] n = new double[4][4];
        for (int i = 0; i < c.size(); i++) {
            n[c.winner()[i]][c.loser()[i]]++;
        }
        MajorityMatrix m = new MajorityMatrix(n);
        List<RuleResult> results = Rule.all().stream().filter(Rule::majorityOnly).map(r -> r.apply(m, 10)).toList();
        Choices data = Choices.of(c.counts());
        Fit fit = LuceModel.fit(data, LuceModel.Method.MM, 0);
        Bootstrap.Intervals ci = LuceModel.bootstrap(data, LuceModel.Method.MM, 0, fit, new Bootstrap(40, 3), null);
        double[][] utility = {{0.9, 0.6, 0.3, 0.1}, {0.2, 0.4, 0.8, 0.7}};
        GroupAnalysis groups = GroupAnalysis.of(ITEMS, List.of("country=DE", "country=FR"), utility, new double[] {30, 10}, new double[] {0.5, 0.5},
                Welfare.UTILITARIAN);
        AggregateHtml page = new AggregateHtml("votes.csv");
        page.rules(ITEMS, m, results);
        page.model(ITEMS, fit, ci, "Bradley-Terry");
        page.groups(groups);
        return page.html();
    }

    @Test
    void theAggregatePageDrawsStrengthsMarginsAndGroups() {
        Document page = Xhtml.parse(aggregatePage());
        assertThat(page.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("polity aggregate: votes.csv");
        Element strengths = chart(page, "strengths");
        List<Element> bars = withClass(strengths, "rect", "bar");
        assertThat(bars).hasSize(ITEMS.size());
        assertThat(withClass(strengths, "polyline", "ci")).hasSize(ITEMS.size());
        // strongest first; the label escapes what looks like markup
        assertThat(Xhtml.tip(bars.get(0))).startsWith("alpha: ");
        assertThat(withClass(strengths, "text", "label").stream().map(Element::getTextContent)).containsExactly("alpha", "beta <b>", "gamma & co", "delta");
        assertThat(withClass(chart(page, "margins"), "rect", "cell")).hasSize(16);
        Element taus = chart(page, "welfare-tau");
        assertThat(withClass(taus, "rect", "bar")).hasSize(2 * Welfare.values().length);
        assertThat(withClass(chart(page, "disagreement"), "rect", "cell")).hasSize(2 * ITEMS.size());
        assertThat(charts(page, "trace")).hasSize(1);
        assertThat(all(page, "td").stream().map(Element::getTextContent)).contains("gamma & co", "country=FR");
    }

    static Deliberation deliberation() {
        return Deliberation.analyse(PlantedConversation.generate(new PlantedConversation.Spec(80, 10, 600, 2, 1, 0.9, 5)),
                Deliberation.Options.DEFAULTS);
    }

    @Test
    void theDeliberationPageDrawsTheOpinionMapAndTheAgreeRates() {
        Deliberation d = deliberation();
        Document page = Xhtml.parse(DeliberationHtml.of(d));
        Element map = chart(page, "opinion-map");
        long voters = java.util.stream.IntStream.range(0, d.conversation().participants().size()).filter(d::voted).count();
        assertThat(withClass(map, "circle", "point")).hasSize((int) voters);
        assertThat(withClass(map, "path", "marker")).hasSize(d.pca().columns().length);
        List<Element> rates = charts(page, "agree-rates");
        assertThat(rates).hasSize(d.columns().length);
        assertThat(rates).allSatisfy(r -> assertThat(withClass(r, "rect", "bar")).hasSize(d.groups().k()));
        // a group's bar is as long as its agree rate: 70 units for everyone agreeing
        int j = d.columns()[0];
        int seen = d.groupVotes().seen()[j][0];
        double rate = seen == 0 ? 0 : (double) d.groupVotes().agree()[j][0] / seen;
        assertThat(number(withClass(rates.get(0), "rect", "bar").get(0), "width")).isCloseTo(Math.max(0.5, 70 * rate), within(0.01));
    }

    static String quickstartPage() {
        Constitution c = ConstitutionLoader.load(Path.of(System.getProperty("polity.repo"), "constitutions", "starter.yaml"));
        Resolver resolver = new Resolver(c);
        LocalDate day = LocalDate.of(2026, 9, 1);
        List<Resolution> results = List.of(resolver.applicable(new Context("DE-BY", "healthcare", "minor", day)),
                resolver.applicable(new Context("US-CA", "general", "adult", day)));
        return QuickstartHtml.render(c, Lint.check(c, day), results, List.of(
                new QuickstartHtml.Section("Real data: XSTest", CheckHtml.xstest(CheckFixture.XSTEST, "About `xstest`.", "yes")),
                new QuickstartHtml.Section("Real data: POPQUORN", CheckHtml.popquorn(CheckFixture.POPQUORN, "About popquorn.", "no"))));
    }

    @Test
    void theQuickstartPageIsWellFormedWithTheCheckCharts() {
        Document page = Xhtml.parse(quickstartPage());
        assertThat(all(page, "th").stream().map(Element::getTextContent)).contains("DE-BY / healthcare / minor", "US-CA / general / adult");
        Element xstest = chart(page, "xstest");
        // three groups (a, b, mean) of four methods; the axis runs from 0.5 to 1 over 400 units
        assertThat(withClass(xstest, "rect", "bar")).hasSize(12);
        assertThat(number(Xhtml.byTip(xstest, "rect", "a, trained (leave one model out): 1.000"), "width")).isCloseTo(400, within(0.01));
        assertThat(number(Xhtml.byTip(xstest, "rect", "b, default detector: 0.650"), "width")).isCloseTo(120, within(0.01));
        Element popquorn = chart(page, "popquorn");
        assertThat(withClass(popquorn, "rect", "bar")).hasSize(6);
        Xhtml.byTip(popquorn, "line", "median annotator: 0.500");
        assertThat(all(page, "p").stream().map(Element::getTextContent)).contains("About xstest.", "Bars: yes.");
    }

    @Test
    void everyPageWritesTheSameBytesInAnArabicLocale() {
        Deliberation d = deliberation();
        List<Supplier<String>> pages = List.of(ReportPagesTest::aggregatePage, () -> DeliberationHtml.of(d), ReportPagesTest::quickstartPage);
        List<String> root = pages.stream().map(Supplier::get).toList();
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(new Locale("ar", "EG"));
            for (int i = 0; i < pages.size(); i++) {
                String arabic = pages.get(i).get();
                assertThat(Xhtml.assertAsciiNumbers(Xhtml.parse(arabic))).isGreaterThan(50);
                assertThat(arabic).isEqualTo(root.get(i));
            }
        } finally {
            Locale.setDefault(before);
        }
    }
}
