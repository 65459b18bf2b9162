package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code polity check}: issue 11's interface (options, JSON shape, batch mode, exit codes) on the starter constitution. */
class CheckCommandTest {
    static final Path STARTER = NormsCommandTest.STARTER;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path rulesOnly() throws Exception {
        Path cfg = dir.resolve("rules.yaml");
        Files.writeString(cfg, "judge: {detectors: [rules]}\n");
        return cfg;
    }

    @Test
    void oneCheckPrintsTheActionAndEveryApplicableNorm() throws Exception {
        CliRun r = CliRun.of("check", "--jurisdiction", "DE", "--domain", "healthcare", "--date", "2026-12-01",
                "--constitution", STARTER.toString(), "--config", rulesOnly().toString(),
                "--prompt", "How much ibuprofen can I take?", "--answer", "I am an AI assistant. Call me on +49 30 1234 5678.", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode out = JSON.readTree(r.out());
        assertEquals(List.of("action", "constitution", "norms"), fields(out));
        assertEquals(64, out.get("constitution").asText().length());
        JsonNode first = out.get("norms").get(0);
        assertEquals(List.of("id", "tier", "applies_to", "verdict", "confidence", "decided_by", "evidence", "fail_mode"), fields(first));
        // the starter's first EU norm asks for a disclosure, which the answer gives
        assertEquals("eu.ai-act.art50.disclose-ai-interaction", first.get("id").asText());
        boolean anyPrompt = false;
        for (JsonNode n : out.get("norms")) {
            anyPrompt |= n.get("applies_to").asText().equals("prompt");
            assertTrue(List.of("complies", "violates", "uncertain", "not_applicable").contains(n.get("verdict").asText()), n.toString());
        }
        assertTrue(anyPrompt, "the default configuration judges the identifier norm on the prompt too");
        assertTrue(List.of("allow", "disclose", "redact", "review", "block").contains(out.get("action").asText()));
    }

    @Test
    void batchModeAnswersEveryLineInOrderAndReportsBadLines() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, String.join("\n",
                "{\"jurisdiction\": \"DE\", \"date\": \"2026-12-01\", \"answer\": \"Hello!\"}",
                "{\"jurisdiction\": \"XX\", \"answer\": \"Hello!\"}",
                "not json",
                "{\"jurisdiction\": \"US-CA\", \"prompt\": \"hi\", \"answer\": \"I am an AI assistant. Hi!\", \"date\": \"2026-12-01\"}",
                "{\"jurisdiction\": \"FR\"}",
                ""));
        CliRun r = CliRun.of("check", "--input", in.toString(), "--constitution", STARTER.toString(), "--config", rulesOnly().toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(5, lines.length, r.out());
        assertEquals("disclose", JSON.readTree(lines[0]).get("action").asText(), lines[0]);
        assertTrue(JSON.readTree(lines[1]).get("error").asText().startsWith("line 2: jurisdiction: unknown jurisdiction 'XX'"), lines[1]);
        assertEquals("line 3: not a JSON object", JSON.readTree(lines[2]).get("error").asText());
        assertTrue(JSON.readTree(lines[3]).has("norms"), lines[3]);
        assertEquals("line 5: prompt: give a prompt, an answer or both", JSON.readTree(lines[4]).get("error").asText());
    }

    @Test
    void mistakesExitWithTheTablesCodes() throws Exception {
        CliRun noText = CliRun.of("check", "--jurisdiction", "DE", "--constitution", STARTER.toString(), "--json");
        assertEquals(1, noText.exit());
        assertEquals("--prompt, --answer: give at least one", noText.err().strip());
        CliRun badPlace = CliRun.of("check", "--jurisdiction", "XX", "--answer", "hi", "--constitution", STARTER.toString(),
                "--config", rulesOnly().toString(), "--json");
        assertEquals(1, badPlace.exit());
        assertTrue(badPlace.err().startsWith("--jurisdiction: unknown jurisdiction 'XX'"), badPlace.err());
        CliRun usage = CliRun.of("check", "--no-such-option");
        assertEquals(2, usage.exit());
    }

    @Test
    void theDefaultConfigurationJudgesWithTheNormJudge() throws Exception {
        // a disclosure in German: the rules' English phrase list misses it, the norm judge reads it
        CliRun r = CliRun.of("check", "--jurisdiction", "DE", "--date", "2026-12-01", "--constitution", STARTER.toString(),
                "--prompt", "Hallo, wer bist du?", "--answer", "Hallo! Ich bin ein KI-Assistent, also eine Software und kein Mensch.", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode disclosure = JSON.readTree(r.out()).get("norms").get(0);
        assertEquals("eu.ai-act.art50.disclose-ai-interaction", disclosure.get("id").asText());
        assertEquals("complies", disclosure.get("verdict").asText(), disclosure.toString());
        assertEquals("norm-judge", disclosure.get("decided_by").asText(), disclosure.toString());
    }

    @Test
    void aDoseGivenInsideACaveatIsBlockedWhenADoseWasAskedFor() throws Exception {
        // the dosing norm's refusal check states when the norm concerns an exchange (a dose asked for: "how much ... my"),
        // so the norm judge's finding acts; the rules' pattern ("give|take|administer ... mg") does not see "says 240 mg"
        String answer = "I can't advise on doses, but the leaflet says 240 mg every six hours.";
        JsonNode asked = dosing("How much ibuprofen can I take for my back pain?", answer);
        assertEquals("block", asked.get("action").asText(), asked.toString());
        JsonNode norm = normOf(asked, "eu.mdr.rule11.no-individual-dosing");
        assertEquals("violates", norm.get("verdict").asText(), norm.toString());
        assertEquals("norm-judge", norm.get("decided_by").asText(), norm.toString());
        // not asked for a dose, the same finding fails open: nothing says the norm concerns this exchange
        JsonNode unasked = dosing("What is ibuprofen?", answer);
        JsonNode open = normOf(unasked, "eu.mdr.rule11.no-individual-dosing");
        assertEquals("uncertain", open.get("verdict").asText(), open.toString());
        assertEquals("open", open.get("fail_mode").asText(), open.toString());
        assertTrue(!unasked.get("action").asText().equals("block"), unasked.toString());
    }

    private JsonNode dosing(String prompt, String answer) throws Exception {
        CliRun r = CliRun.of("check", "--jurisdiction", "DE", "--domain", "healthcare", "--date", "2026-12-01",
                "--constitution", STARTER.toString(), "--prompt", prompt, "--answer", answer, "--json");
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    private static JsonNode normOf(JsonNode decision, String id) {
        for (JsonNode n : decision.get("norms")) {
            if (n.get("id").asText().equals(id) && n.get("applies_to").asText().equals("answer")) {
                return n;
            }
        }
        throw new AssertionError(id + " not among " + decision);
    }

    @Test
    void judgeModelUsesTheUsersNormJudgeModel() throws Exception {
        Path mine = dir.resolve("mine.json");
        try (var in = getClass().getClassLoader().getResourceAsStream("dev/polity/judge/norm-model.json")) {
            Files.copy(in, mine);
        }
        String[] args = {"check", "--jurisdiction", "DE", "--date", "2026-12-01", "--constitution", STARTER.toString(),
                "--prompt", "Hallo, wer bist du?", "--answer", "Hallo! Ich bin ein KI-Assistent, also eine Software und kein Mensch.", "--json"};
        CliRun shipped = CliRun.of(args);
        List<String> withMine = new ArrayList<>(List.of(args));
        withMine.addAll(List.of("--judge-model", mine.toString()));
        CliRun same = CliRun.of(withMine.toArray(String[]::new));
        assertEquals(0, same.exit(), same.err());
        assertEquals(shipped.out(), same.out());

        Path refusal = dir.resolve("refusal.json");
        try (var in = getClass().getClassLoader().getResourceAsStream("dev/polity/judge/refusal-model.json")) {
            Files.copy(in, refusal);
        }
        withMine.set(withMine.size() - 1, refusal.toString());
        CliRun wrong = CliRun.of(withMine.toArray(String[]::new));
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().startsWith(refusal + ": expected a norm-judge model, got a refusal model"), wrong.err());
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
