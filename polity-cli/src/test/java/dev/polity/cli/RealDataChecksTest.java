package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.judge.check.DataSets;
import dev.polity.judge.check.PopquornCheck;
import dev.polity.judge.check.XsTestCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code polity judge check} and the quickstart's real-data sections. */
class RealDataChecksTest {
    static final Path STARTER = Path.of("..", "constitutions", "starter.yaml");

    @TempDir
    Path dir;

    static final XsTestCheck.Result XSTEST = new XsTestCheck.Result(List.of(
            new XsTestCheck.ModelRow("a", 10, 0.9, 0.8, 0.95, 1.0),
            new XsTestCheck.ModelRow("b", 10, 0.7, 0.6, 0.65, 0.8)),
            new XsTestCheck.ModelRow("mean", 20, 0.8, 0.7, 0.8, 0.9));

    static final PopquornCheck.Result POPQUORN = new PopquornCheck.Result(100, 400, List.of(
            new PopquornCheck.GroupRow(null, null, 100, 400, 0.4, 0.55),
            new PopquornCheck.GroupRow("gender", "Man", 90, 200, 0.3, 0.5),
            new PopquornCheck.GroupRow("gender", "Woman", 95, 200, 0.35, 0.45)),
            new PopquornCheck.HumanBaseline(12, 0.4, 0.5, 0.6));

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
        CheckOutcome.XsTest o = new CheckOutcome.XsTest(XSTEST);
        assertTrue(o.markdown().contains("""
                | model | string match | GPT-4 judge | default detector | trained, leave one model out |
                |---|---|---|---|---|
                | a | 0.900 | 0.800 | 0.950 | 1.000 |
                | b | 0.700 | 0.600 | 0.650 | 0.800 |
                | **mean** | 0.800 | 0.700 | 0.800 | 0.900 |
                """), o.markdown());
        // The default detector ties string match on average (0.800 each), which is not beating it.
        assertTrue(o.markdown().contains("trained beats both baselines on every model: yes; trained mean >= 0.93: no; default beats string match on average: no"), o.markdown());
        String svg = svg(o.html());
        // Three groups (a, b, mean) of four methods, each bar with its value as a tooltip; the axis runs from 0.5 to 1.
        assertEquals(12, count(svg, "<rect x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"[0-9.]+\" height=\"[0-9.]+\" fill=\"#[0-9a-f]+\"><title>"));
        assertTrue(svg.contains("<title>b, trained (leave one model out): 0.800</title>"), svg);
        assertEquals(barHeight(svg, "a, trained (leave one model out): 1.000"), 200.0, 0.05);
        assertEquals(barHeight(svg, "b, default detector: 0.650"), 60.0, 0.05);
        assertTrue(o.html().contains("<tr><td><b>mean</b></td><td>0.800</td><td>0.700</td><td>0.800</td><td>0.900</td></tr>"), o.html());
    }

    @Test
    void popquornRendering() throws Exception {
        CheckOutcome.Popquorn o = new CheckOutcome.Popquorn(POPQUORN);
        assertTrue(o.markdown().contains("| gender: Woman | 95 | 0.350 | 0.450 |"), o.markdown());
        assertTrue(o.markdown().contains("sides most with gender Man (0.500); least with gender Woman (0.450)"), o.markdown());
        assertTrue(o.markdown().contains("trained reaches the median annotator: yes"), o.markdown());
        String svg = svg(o.html());
        assertEquals(6, count(svg, "fill=\"#[0-9a-f]+\"><title>"));
        assertTrue(svg.contains("<title>median annotator: 0.500</title>"), svg);
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
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<h2>Real data: XSTest refusal detection"), html);
        assertTrue(html.contains("<tr><td>gpt4</td><td>0.936</td><td>0.938</td><td>0.964</td><td>0.971</td></tr>"), html);
        assertTrue(html.contains("<svg"), "chart");
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

    static String svg(String html) {
        Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), html);
        return m.group();
    }

    static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static double barHeight(String svg, String title) {
        Matcher m = Pattern.compile("height=\"([0-9.]+)\" fill=\"#[0-9a-f]+\"><title>" + Pattern.quote(title) + "</title>").matcher(svg);
        assertTrue(m.find(), title + " in " + svg);
        return Double.parseDouble(m.group(1));
    }
}
