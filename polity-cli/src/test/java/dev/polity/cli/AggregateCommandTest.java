package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.report.Xhtml;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class AggregateCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void ruleJsonHasTheStableShape() throws Exception {
        Path f = dir.resolve("t.soc");
        Files.writeString(f, "# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 5\n3: 1,2,3\n2: 2,3,1\n");
        Run r = run("aggregate", f.toString(), "--rule", "schulze", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("schulze", j.get("rule").asText());
        assertTrue(j.get("winners").get(0).isInt());
        assertEquals("[1,2,3]", j.get("ranking").toString());
        assertEquals(false, j.get("tie_broken").asBoolean());
        JsonNode ml = new ObjectMapper().readTree(run("aggregate", f.toString(), "--rule", "maximal-lotteries", "--json").out());
        assertEquals(1.0, ml.get("lottery").get("1").asDouble(), 1e-12);
    }

    @Test
    void modelJsonIsCentredAndInItemOrder() throws Exception {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "winner,loser,country\nb,a,DE\nb,a,FR\na,b,DE\nc,b,FR\nb,c,DE\na,c,FR\nc,a,DE\n");
        Run r = run("aggregate", f.toString(), "--model", "bradley-terry", "--method", "ilsr", "--alpha", "0", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("[\"b\",\"a\",\"c\"]", j.get("items").toString());
        double sum = 0;
        for (JsonNode t : j.get("theta")) {
            sum += t.asDouble();
        }
        assertEquals(0, sum, 1e-9);
        assertTrue(j.get("iterations").asInt() > 0);
        assertTrue(j.get("log_likelihood").asDouble() < 0);
        Run g = run("aggregate", f.toString(), "--groups", "country", "--welfare", "egalitarian", "--json", "--out", dir.resolve("rep").toString());
        assertEquals(0, g.code(), g.err());
        assertEquals(2, new ObjectMapper().readTree(g.out()).get("groups").get("per_group").size());
        Document page = Xhtml.parse(Files.readString(dir.resolve("rep/report.html")));
        assertEquals(List.of(), Xhtml.all(page, "script"));
        // two groups (DE, FR) under every welfare function whose utilities allow it; a cell per group and item
        assertEquals(2 * 4, Xhtml.withClass(Xhtml.chart(page, "welfare-tau"), "rect", "bar").size());
        assertEquals(2 * 3, Xhtml.withClass(Xhtml.chart(page, "disagreement"), "rect", "cell").size());
        Run bt = run("aggregate", f.toString(), "--model", "bradley-terry", "--bootstrap", "50", "--out", dir.resolve("bt").toString());
        assertEquals(0, bt.code(), bt.err());
        Element strengths = Xhtml.chart(Xhtml.parse(Files.readString(dir.resolve("bt/report.html"))), "strengths");
        assertEquals(3, Xhtml.withClass(strengths, "rect", "bar").size());
        assertEquals(3, Xhtml.withClass(strengths, "polyline", "ci").size());
    }

    /** Issue 10, defect 5: a rule on pairwise comparisons (documented in docs/CHOICE.md) crashed with a NullPointerException. */
    @Test
    void defect5RulesRunOnPairwiseComparisonsWithTheirItemNames() throws Exception {
        Path f = dir.resolve("p.csv");
        // b beats a 2:1, b beats c 2:1, a beats c 2:1 (majority counts, no ballots)
        Files.writeString(f, "winner,loser\nb,a\nb,a\na,b\nb,c\nb,c\nc,b\na,c\na,c\nc,a\n");
        for (String rule : List.of("schulze", "borda", "copeland", "ranked-pairs", "kemeny", "maximal-lotteries")) {
            Run r = run("aggregate", f.toString(), "--rule", rule, "--json");
            assertEquals(0, r.code(), rule + ": " + r.err());
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertEquals("[\"b\"]", j.get("winners").toString(), rule);
            assertEquals("[\"b\",\"a\",\"c\"]", j.get("ranking").toString(), rule);
        }
        Run all = run("aggregate", f.toString(), "--rule", "all", "--json");
        assertEquals(0, all.code(), all.err());
        JsonNode j = new ObjectMapper().readTree(all.out());
        assertEquals("b", j.get("condorcet_winner").asText());
        assertEquals("[\"plurality: needs ranked ballots\",\"irv: needs ranked ballots\"]", j.get("skipped").toString());
        Run plurality = run("aggregate", f.toString(), "--rule", "plurality");
        assertEquals(1, plurality.code());
        assertTrue(plurality.err().startsWith("--rule plurality needs ranked ballots"), plurality.err());
    }

    @Test
    void badInputIsOneLineWithFileAndLine() throws Exception {
        Path f = dir.resolve("bad.soi");
        Files.writeString(f, "# NUMBER ALTERNATIVES: 3\n2: 1,4\n");
        Run r = run("aggregate", f.toString(), "--rule", "borda");
        assertEquals(1, r.code());
        assertEquals(f + ":2: alternative 4 is outside 1..3", r.err().strip());
        Run k = run("aggregate", f.toString(), "--rule", "nope");
        assertEquals(1, k.code());
        assertTrue(k.err().startsWith("--rule: expected one of plurality"), k.err());
    }

    @Test
    void aByteOrderMarkDoesNotHideThePairwiseHeader() throws Exception {
        Path f = dir.resolve("bom.csv");
        Files.writeString(f, "\uFEFFwinner,loser\r\n1,2\r\n2,3\r\n1,3\r\n3,1\r\n");
        Run r = run("aggregate", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("bradley-terry", j.get("model").asText(), "read as pairwise comparisons, not ratings");
        assertEquals("[1,2,3]", j.get("items").toString());
    }

    @Test
    void bytesThatAreNotUtf8AreOneLineNamingFileAndLine() throws Exception {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, "ranking,country\na>b,DE\nb>a,\u00d6sterreich\n".getBytes(StandardCharsets.ISO_8859_1));
        Run r = run("aggregate", f.toString(), "--rule", "borda");
        assertEquals(1, r.code());
        assertEquals(f + ":3: expected UTF-8 text, found the byte 0xD6 (save the file as UTF-8)", r.err().strip());
        Path soc = dir.resolve("latin1.soc");
        Files.write(soc, "# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: Caf\u00e9\n1: 1,2\n".getBytes(StandardCharsets.ISO_8859_1));
        Run p = run("aggregate", soc.toString(), "--rule", "borda");
        assertEquals(1, p.code());
        assertEquals(soc + ":2: expected UTF-8 text, found the byte 0xE9 (save the file as UTF-8)", p.err().strip());
    }

    @Test
    void groupWeightsComeFromACsvWithAHeader() throws Exception {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "winner,loser,country\nb,a,DE\nb,a,FR\na,b,DE\nc,b,FR\nb,c,DE\na,c,FR\nc,a,DE\n");
        Path weights = dir.resolve("w.csv");
        Files.writeString(weights, "group,weight\nDE,3\nFR,1\n");
        Run r = run("aggregate", f.toString(), "--groups", "country", "--weights", weights.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode groups = new ObjectMapper().readTree(r.out()).get("groups").get("per_group");
        assertEquals(0.75, groups.get(0).get("weight").asDouble(), 1e-12);
        Files.writeString(weights, "group,weight\nDE,3\nFR,-1\n");
        Run bad = run("aggregate", f.toString(), "--groups", "country", "--weights", weights.toString(), "--json");
        assertEquals(1, bad.code());
        assertEquals(weights + ":3: column 'weight': expected a weight >= 0, got '-1'", bad.err().strip());
    }

    /** Issue 10, defect 11: --weights was read only after the group fits had run. */
    @Test
    void aWeightsFileIsReadBeforeTheData() throws Exception {
        // the data's third line is broken too: the weights are what is said first
        Run bad = groupsWeighted("winner,loser,country\nb,a,DE\nb,,FR\n", "group,weight\nDE,heavy\n");
        assertEquals(1, bad.code());
        assertEquals(dir.resolve("w.csv") + ":2: column 'weight': expected a number, got 'heavy'", bad.err().strip());
        Run missing = groupsWeighted("winner,loser,country\nb,a,DE\na,b,FR\n", "group,weight\nDE,1\n");
        assertEquals(1, missing.code());
        assertEquals(dir.resolve("w.csv") + ": no weight for group 'FR'; groups are [DE, FR]", missing.err().strip());
    }

    private Run groupsWeighted(String pairs, String weights) throws Exception {
        Path f = Files.writeString(dir.resolve("p.csv"), pairs);
        Path w = Files.writeString(dir.resolve("w.csv"), weights);
        return run("aggregate", f.toString(), "--groups", "country", "--weights", w.toString());
    }

    /** Issue 10, defect 11: a Plackett-Luce or Bradley-Terry fit by MM that stopped unconverged exited 0 without a word. */
    @Test
    void aFitThatStopsShortIsAWarningAndAFailedCheck() throws Exception {
        StringBuilder chain = new StringBuilder("winner,loser\n");
        for (int i = 1; i < 12; i++) {
            chain.append(("i" + i + ",i" + (i + 1) + "\n").repeat(200)).append("i" + (i + 1) + ",i" + i + "\n");
        }
        Path f = Files.writeString(dir.resolve("chain.csv"), chain);
        Run mm = run("aggregate", f.toString(), "--model", "bradley-terry", "--method", "mm", "--json");
        assertEquals(ExitCode.CHECK_FAILED.code, mm.code(), mm.err());
        assertEquals("warning: " + f + ": bradley-terry by mm stopped after 20000 iterations without converging; the strengths are approximate"
                + " (try --method ilsr, or --method mm --alpha 0.01)", mm.err().strip());
        assertEquals(false, new ObjectMapper().readTree(mm.out()).get("converged").asBoolean());
        Run ilsr = run("aggregate", f.toString(), "--model", "bradley-terry", "--method", "ilsr", "--json");
        assertEquals(ExitCode.DONE.code, ilsr.code(), ilsr.err());
        assertEquals("", ilsr.err());
    }
}
