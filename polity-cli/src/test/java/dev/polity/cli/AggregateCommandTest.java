package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.report.Xhtml;
import java.io.PrintWriter;
import java.io.StringWriter;
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
}
