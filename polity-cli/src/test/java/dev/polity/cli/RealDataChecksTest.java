package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.judge.check.DataSets;
import dev.polity.judge.check.PopquornCheck;
import dev.polity.judge.check.XsTestCheck;
import dev.polity.report.CheckFixture;
import dev.polity.report.Xhtml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code polity judge check} and the quickstart's real-data sections. */
class RealDataChecksTest {
    static final Path STARTER = Path.of("..", "constitutions", "starter.yaml");

    @TempDir
    Path dir;

    @Test
    void missingDataFolderIsOneLine() {
        Path nowhere = dir.resolve("nowhere");
        CliRun r = CliRun.of("judge", "check", "xstest", "--data", nowhere.toString());
        assertEquals(1, r.exit());
        assertEquals("real data set 'xstest' not found (looked for " + nowhere.resolve("xstest").resolve("completions_gpt4.csv") + "); "
                + DataSets.HOW_TO, r.err().strip());
        assertEquals("", r.out());
        CliRun bad = CliRun.of("judge", "check", "mmlu");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("xstest, popquorn"), bad.err());
    }

    @Test
    void xstestRendering() {
        CheckOutcome.XsTest o = new CheckOutcome.XsTest(CheckFixture.XSTEST);
        assertTrue(o.markdown().contains("""
                | model | string match | GPT-4 judge | default detector | trained, leave one model out |
                |---|---|---|---|---|
                | a | 0.900 | 0.800 | 0.950 | 1.000 |
                | b | 0.700 | 0.600 | 0.650 | 0.800 |
                | **mean** | 0.800 | 0.700 | 0.800 | 0.900 |
                """), o.markdown());
        // The default detector ties string match on average (0.800 each), which is not beating it.
        assertTrue(o.markdown().contains("trained beats both baselines on every model: yes; trained mean >= 0.93: no; default beats string match on average: no"), o.markdown());
        Element html = Xhtml.fragment(o.html());
        Element chart = Xhtml.chart(html, "xstest");
        // Three groups (a, b, mean) of four methods, each bar with its value as a tooltip; the axis runs from 0.5 to 1 over 400 units.
        assertEquals(12, Xhtml.withClass(chart, "rect", "bar").size());
        assertEquals(400, Xhtml.number(Xhtml.byTip(chart, "rect", "a, trained (leave one model out): 1.000"), "width"), 0.01);
        assertEquals(120, Xhtml.number(Xhtml.byTip(chart, "rect", "b, default detector: 0.650"), "width"), 0.01);
        Element mean = Xhtml.all(html, "tr").get(3);
        assertEquals(List.of("mean", "0.800", "0.700", "0.800", "0.900"), Xhtml.all(mean, "td").stream().map(Element::getTextContent).toList());
        assertTrue(o.html().contains("Default = the detector shipped with Polity (trained only on answers written for it); trained = polity judge train"), o.html());
    }

    @Test
    void popquornRendering() throws Exception {
        CheckOutcome.Popquorn o = new CheckOutcome.Popquorn(CheckFixture.POPQUORN);
        assertTrue(o.markdown().contains("| gender: Woman | 95 | 0.350 | 0.450 |"), o.markdown());
        assertTrue(o.markdown().contains("sides most with gender Man (0.500); least with gender Woman (0.450)"), o.markdown());
        assertTrue(o.markdown().contains("trained reaches the median annotator: yes"), o.markdown());
        Element chart = Xhtml.chart(Xhtml.fragment(o.html()), "popquorn");
        assertEquals(6, Xhtml.withClass(chart, "rect", "bar").size());
        Element median = Xhtml.byTip(chart, "line", "median annotator: 0.500");
        // the axis runs from 0 to 0.6 over 400 units
        assertEquals(Xhtml.number(median, "x1") - 400 * 0.5 / 0.6, Xhtml.number(Xhtml.byTip(chart, "rect", "everyone (100), default model: 0.400"), "x"), 0.01);
        JsonNode json = new ObjectMapper().readTree(o.jsonText());
        assertEquals("Woman", json.at("/sides/0/least").asText());
        assertEquals(0.5, json.at("/human_baseline/median").asDouble());
        assertEquals(0.55, json.at("/groups/0/trained").asDouble());
    }

    @Test
    void quickstartAndCheckOnTheRealData() throws Exception {
        Path root = DataSets.root().orElse(null);
        Path xstest = root == null ? null : DataSets.find(root, XsTestCheck.NAME, XsTestCheck.MARKER).orElse(null);
        Path popquorn = root == null ? null : DataSets.find(root, PopquornCheck.NAME, PopquornCheck.MARKER).orElse(null);
        if (xstest == null || popquorn == null) {
            String msg = "real data sets xstest and popquorn not found; " + DataSets.HOW_TO;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
        }
        // Only XSTest for the quickstart, so that the test shows a partly present data folder too.
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createSymbolicLink(data.resolve("xstest"), xstest.toAbsolutePath());
        Path out = dir.resolve("qs");
        CliRun r = CliRun.of("quickstart", "--constitution", STARTER.toString(), "--out", out.toString(), "--data", data.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("XSTest: mean accuracy trained 0.934"), r.out());
        assertTrue(r.out().contains("Real-data checks skipped (popquorn not found)"), r.out());
        Document page = Xhtml.parse(Files.readString(out.resolve("index.html")));
        assertTrue(Xhtml.all(page, "h2").stream().anyMatch(h -> h.getTextContent().startsWith("Real data: XSTest refusal detection")));
        assertTrue(Xhtml.all(page, "tr").stream().map(row -> Xhtml.all(row, "td").stream().map(Element::getTextContent).toList())
                .anyMatch(List.of("gpt4", "0.936", "0.938", "0.964", "0.971")::equals));
        assertEquals(16, Xhtml.withClass(Xhtml.chart(page, "xstest"), "rect", "bar").size()); // three models and the mean
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| **mean** | 0.907 | 0.833 | 0.921 | 0.934 |"), md);
        assertTrue(Files.isRegularFile(out.resolve("xstest.json")));

        Path checkOut = dir.resolve("check");
        CliRun c = CliRun.of("judge", "check", "popquorn", "--data", popquorn.toString(), "--json", "--out", checkOut.toString());
        assertEquals(0, c.exit(), c.err());
        JsonNode json = new ObjectMapper().readTree(c.out());
        assertEquals(0.565, json.at("/groups/0/trained").asDouble(), 0.0005);
        assertEquals(0.510, json.at("/human_baseline/median").asDouble(), 0.0005);
        assertTrue(Files.readString(checkOut.resolve("popquorn.md")).contains("| everyone | 1000 | 0.437 | 0.565 |"));
    }
}
