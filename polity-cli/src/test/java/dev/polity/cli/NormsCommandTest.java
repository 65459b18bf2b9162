package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.report.Xhtml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class NormsCommandTest {
    static final Path STARTER = Path.of(System.getProperty("polity.repo", ".."), "constitutions", "starter.yaml");

    @TempDir
    Path dir;

    @Test
    void lintOfTheStarterIsClean() {
        CliRun r = CliRun.of("norms", "lint", STARTER.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("0 errors"), r.out());
        // The one warning is the deliberate gap; every check names a built-in detector and parameters it reads.
        assertTrue(r.out().contains(", 1 warning, 0 errors"), r.out());
        assertFalse(r.err().contains("unknown parameter") || r.err().contains("no detector named"), r.err());
    }

    @Test
    void lintErrorsAreOneLineEachWithFileLineColumnAndExit3() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "norms:\n  - id: a.b\n    statement: S\n    kind: mustnt\n    tier: law\n    topic: t\n    colour: red\n");
        CliRun r = CliRun.of("norms", "lint", bad.toString());
        // the lint check failed: the file was read, and what it says is wrong
        assertEquals(ExitCode.CHECK_FAILED.code, r.exit());
        String[] lines = r.err().strip().split("\n");
        assertEquals(3, lines.length, r.err());
        assertTrue(lines[0].matches(".*bad\\.yaml:4:11: norms\\[0\\]\\.kind: 'mustnt' is not allowed; expected one of must, must_not, should, should_not, may"), lines[0]);
        assertTrue(lines[1].matches(".*bad\\.yaml:7:5: unknown field 'colour' in norms\\[0\\]; expected one of id, statement, .*"), lines[1]);
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void resolveJsonHasTheStableShape() throws Exception {
        CliRun r = CliRun.of("norms", "resolve", STARTER.toString(), "--jurisdiction", "DE-BY", "--domain", "healthcare",
                "--audience", "minor", "--date", "2026-09-01", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("DE-BY", json.get("context").get("jurisdiction").asText());
        assertEquals("healthcare", json.get("context").get("domain").asText());
        assertTrue(json.get("norms").size() > 10);
        for (JsonNode n : json.get("norms")) {
            for (String field : new String[] {"id", "kind", "tier", "statement", "reasons"}) {
                assertTrue(n.has(field), field + " missing in " + n);
            }
            assertTrue(n.get("reasons").get(0).asText().startsWith("in scope: DE-BY"), n.toString());
        }
        JsonNode gap = json.get("gaps").get(0);
        assertTrue(gap.has("topic") && gap.has("norms") && gap.has("residual_authority"), gap.toString());
        assertEquals(2, gap.get("norms").size());
    }

    @Test
    void resolveTableAndYaml() {
        CliRun table = CliRun.of("norms", "resolve", STARTER.toString(), "--jurisdiction", "US-CA", "--date", "2026-09-01");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().startsWith("Context: US-CA/*/*@2026-09-01"), table.out());
        CliRun yaml = CliRun.of("norms", "resolve", STARTER.toString(), "--jurisdiction", "US-CA", "--format", "yaml");
        assertTrue(yaml.out().contains("jurisdiction: US-CA"), yaml.out());
    }

    @Test
    void resolveRejectsAnUnknownPlaceInOneLine() {
        CliRun r = CliRun.of("norms", "resolve", STARTER.toString(), "--jurisdiction", "DE-XX");
        assertEquals(1, r.exit());
        assertEquals("--jurisdiction: unknown jurisdiction 'DE-XX': not a subdivision of DE in ISO 3166-2:DE", r.err().strip());
        CliRun d = CliRun.of("norms", "resolve", STARTER.toString(), "--jurisdiction", "DE", "--date", "tomorrow");
        assertEquals("--date: expected YYYY-MM-DD, got 'tomorrow'", d.err().strip());
    }

    @Test
    void missingFileIsOneLine() {
        CliRun r = CliRun.of("norms", "lint", dir.resolve("nope.yaml").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().lines().findFirst().orElseThrow().endsWith("nope.yaml: no such file") && !r.err().contains("\tat "), r.err());
    }

    @Test
    void diffShowsChangedNormsAndAffectedContexts() throws Exception {
        String v1 = "norms:\n  - id: eu.disclose\n    statement: Disclose AI.\n    kind: must\n    tier: law\n    topic: disclosure\n"
                + "    scope: {jurisdictions: [EU]}\n  - id: op.persona\n    statement: Keep the persona.\n    kind: should_not\n"
                + "    tier: operator\n    topic: disclosure\n";
        Path a = dir.resolve("v1.yaml");
        Path b = dir.resolve("v2.yaml");
        Files.writeString(a, v1);
        Files.writeString(b, v1.replace("[EU]", "[EU, US-CA]"));
        CliRun r = CliRun.of("norms", "diff", a.toString(), b.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("~ eu.disclose (scope)"), r.out());
        assertTrue(r.out().contains("  +eu.disclose -op.persona\n      in US-CA; domains *; audiences *"), r.out());
        CliRun same = CliRun.of("norms", "diff", a.toString(), a.toString());
        assertEquals("No differences.", same.out().strip());
    }

    @Test
    void quickstartWritesTheSummary() throws Exception {
        Path out = dir.resolve("qs");
        Path noData = Files.createDirectories(dir.resolve("no-data"));
        CliRun r = CliRun.of("quickstart", "--constitution", STARTER.toString(), "--out", out.toString(), "--data", noData.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Real-data checks skipped (xstest, popquorn not found): set POLITY_DATA"), r.out());
        Document page = Xhtml.parse(Files.readString(out.resolve("index.html")));
        assertTrue(Xhtml.all(page, "h2").stream().anyMatch(h -> h.getTextContent().equals("Which norm governs each contested topic, by context")));
        assertTrue(Xhtml.withClass(page, "td", "gap").size() > 0, "a gap somewhere");
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| DE-BY / healthcare / minor |"));
        assertTrue(r.out().contains("DE-BY / healthcare / adult"), r.out());
    }
}
