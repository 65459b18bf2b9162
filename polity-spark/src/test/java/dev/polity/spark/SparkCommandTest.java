package dev.polity.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.RealData;
import dev.polity.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'polity spark ...' against the core commands it stands in for, and what it says about bad input. */
class SparkCommandTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void session() {
        SharedSpark.session();
    }

    record Outcome(int code, String out, String err) {
    }

    private static Outcome spark(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static Outcome core(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void btPrintsTheJsonOfAggregate() throws IOException {
        Path file = PairwiseJobTest.generated(dir.resolve("pairs.csv"), 40, 3000, 2);
        Outcome s = spark("bt", file.toString(), "--json");
        Outcome c = core("aggregate", file.toString(), "--model", "bradley-terry", "--method", "ilsr", "--alpha", "0", "--json");
        assertEquals(0, s.code(), s.err());
        JsonNode a = JSON.readTree(s.out());
        JsonNode b = JSON.readTree(c.out());
        List<String> keys = new ArrayList<>();
        b.fieldNames().forEachRemaining(keys::add);
        List<String> sparkKeys = new ArrayList<>();
        a.fieldNames().forEachRemaining(sparkKeys::add);
        assertEquals(keys, sparkKeys, "the same keys in the same order");
        assertEquals(b.get("items"), a.get("items"), "the same items in the same order");
        for (int i = 0; i < b.get("theta").size(); i++) {
            assertEquals(b.get("theta").get(i).asDouble(), a.get("theta").get(i).asDouble(), 1e-6);
        }
        assertEquals(b.get("log_likelihood").asDouble(), a.get("log_likelihood").asDouble(), 1e-6);
        assertEquals(b.get("method"), a.get("method"));
    }

    @Test
    void btWithGroupsPrintsTheGroupsOfAggregate() throws IOException {
        Path repo = Path.of(System.getProperty("polity.repo", "..")).toAbsolutePath().normalize();
        String file = repo.resolve("examples/choice/answer-styles.csv").toString();
        for (String weights : List.of("equal", "proportional")) {
            Outcome s = spark("bt", file, "--groups", "country,age_group", "--welfare", "egalitarian", "--weights", weights, "--json");
            Outcome c = core("aggregate", file, "--model", "bradley-terry", "--method", "ilsr", "--alpha", "0", "--groups", "country,age_group",
                    "--welfare", "egalitarian", "--weights", weights, "--json");
            assertEquals(0, s.code(), s.err());
            assertClose(JSON.readTree(c.out()), JSON.readTree(s.out()), "");
        }
    }

    /** The same JSON, numbers within 1e-6 and everything else equal. */
    static void assertClose(JsonNode expected, JsonNode actual, String path) {
        if (expected.isNumber() && actual.isNumber()) {
            assertEquals(expected.asDouble(), actual.asDouble(), 1e-6, path);
        } else if (expected.isContainerNode()) {
            assertEquals(expected.size(), actual.size(), path);
            if (expected.isObject()) {
                List<String> a = new ArrayList<>();
                List<String> b = new ArrayList<>();
                expected.fieldNames().forEachRemaining(a::add);
                actual.fieldNames().forEachRemaining(b::add);
                assertEquals(a, b, path + ": keys");
                a.forEach(k -> assertClose(expected.get(k), actual.get(k), path + "." + k));
            } else {
                for (int i = 0; i < expected.size(); i++) {
                    assertClose(expected.get(i), actual.get(i), path + "[" + i + "]");
                }
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }

    @Test
    void deliberateAndBridgePrintTheirSectionsOfDeliberate() throws IOException {
        Path folder = RealData.require("polis").resolve("london.youth.policing");
        JsonNode whole = JSON.readTree(core("deliberate", folder.toString(), "--json").out());
        Outcome d = spark("deliberate", folder.toString(), "--json", "--out", dir.resolve("d").toString());
        assertEquals(0, d.code(), d.err());
        JsonNode groups = JSON.readTree(d.out());
        assertEquals(whole.get("groups"), groups.get("groups"));
        assertEquals(whole.get("representative"), groups.get("representative"));
        assertTrue(Files.isDirectory(dir.resolve("d/statements.parquet")), "the statements as Parquet");
        assertEquals(groups, JSON.readTree(dir.resolve("d/result.json").toFile()));
        Outcome b = spark("bridge", folder.toString(), "--json");
        assertEquals(0, b.code(), b.err());
        JsonNode bridging = JSON.readTree(b.out());
        for (int j = 0; j < whole.get("statements").size(); j++) {
            JsonNode cs = whole.get("statements").get(j);
            JsonNode ss = bridging.get("statements").get(j);
            assertEquals(cs.get("id"), ss.get("id"));
            assertEquals(cs.get("bridging"), ss.get("bridging"));
            if (!cs.get("bridging_intercept").isNull()) {
                assertEquals(cs.get("bridging_intercept").asDouble(), ss.get("bridging_intercept").asDouble(), 1e-6);
            }
        }
    }

    /** The commands of the README and docs/SPARK.md that name a bundled example run as written. */
    @Test
    void theDocsExamplesRun() throws IOException {
        Path repo = Path.of(System.getProperty("polity.repo", "..")).toAbsolutePath().normalize();
        int ran = 0;
        List<String> lines = new ArrayList<>(Files.readAllLines(repo.resolve("README.md")));
        lines.addAll(Files.readAllLines(repo.resolve("docs/SPARK.md")));
        for (String line : lines) {
            if (line.startsWith("bin/polity spark ") && line.contains(" examples/")) {
                List<String> words = new ArrayList<>(List.of(line.strip().split("\\s+")).subList(2, line.strip().split("\\s+").length));
                words.replaceAll(w -> w.startsWith("examples/") ? repo.resolve(w).toString() : w);
                Outcome o = spark(words.toArray(String[]::new));
                assertEquals(0, o.code(), line + "\n" + o.err());
                ran++;
            }
        }
        assertTrue(ran >= 3, "the README and docs/SPARK.md have examples to run: " + ran);
    }

    /** Bad input is one line naming the file (and line or column) and what was expected, exit code 1. */
    private void assertRefused(String expected, String... args) {
        Outcome o = spark(args);
        assertEquals(1, o.code(), o.err());
        String err = o.err().strip();
        assertFalse(err.contains("\n"), "one line, no stack trace: " + err);
        assertTrue(err.contains(expected), err);
    }

    /** Refused as {@link #assertRefused}, on a file {@code name} holding {@code content}. */
    private void assertRefusedFile(String name, String content, String command, String expected) throws IOException {
        assertRefused(expected, command, Files.writeString(dir.resolve(name), content).toString());
    }

    @Test
    void badInputFailsEarlyWithOneClearLine() throws IOException {
        assertRefusedFile("nocolumns.csv", "a,b\n1,2\n", "bt", "nocolumns.csv:1: expected a header with columns 'winner,loser'");
        assertRefusedFile("weight.csv", "winner,loser,weight\n1,2,1\n2,1,heavy\n", "bt", "weight.csv:3: column 'weight': expected a positive number, got 'heavy'");
        assertRefusedFile("header.csv", "winner,loser\n", "bt", "header.csv:2: no rows");
        assertRefusedFile("empty.csv", "", "bt", "empty.csv:1: expected a header with columns 'winner,loser'");
        assertRefusedFile("self.csv", "winner,loser\na,b\nb,b\n", "bt", "self.csv:3: column 'loser'");
        assertRefused("missing.csv: no such file", "bt", dir.resolve("missing.csv").toString());
        assertRefusedFile("votes.csv", "participant,statement,vote\np1,s1,1\np1,s2,yes\n", "deliberate",
                "votes.csv:3: column 'vote': expected a vote 1 (agree), -1 (disagree) or 0 (pass), got 'yes'");
        assertRefusedFile("novote.csv", "participant,statement\np1,s1\n", "bridge", "novote.csv:1: no column 'vote'");
        Files.createDirectories(dir.resolve("export"));
        assertRefused("no votes: expected votes.csv or votes.parquet", "deliberate", dir.resolve("export").toString());
    }

    /** A record Spark's CSV reader cannot fit to the header is named before any work, as core's reader names it. */
    @Test
    void malformedRecordsAndUnreadableParquetFailEarlyWithOneClearLine() throws IOException {
        assertRefusedFile("extra.csv", "winner,loser\na,b\na,b,c,d\nb,a\n", "bt", "extra.csv:3: expected 2 fields as in the header, got 4: 'a,b,c,d'");
        assertRefusedFile("short.csv", "winner,loser\na,b\nb\n", "bt", "short.csv:3: expected 2 fields as in the header, got 1: 'b'");
        assertRefusedFile("quote.csv", "winner,loser\na,b\n\"c,d\nb,a\n", "bt",
                "quote.csv:3: expected 2 fields as in the header, got a quoted field that does not close");
        // a Polis table pads short records (core's PolisExport does): a missing vote is a missing vote, a longer record is refused
        assertRefusedFile("padded.csv", "participant,statement,vote\np1,s1,1\np2,s1\n", "deliberate",
                "padded.csv:3: column 'vote': expected a vote 1 (agree), -1 (disagree) or 0 (pass), got ''");
        assertRefusedFile("longer.csv", "participant,statement,vote\np1,s1,1\np2,s1,-1,7\n", "bridge",
                "longer.csv:3: expected 3 fields as in the header, got 4: 'p2,s1,-1,7'");
        assertRefusedFile("fake.parquet", "not parquet\n", "bt", "fake.parquet: expected Parquet files, but Spark cannot read them");
        Path parquetVotes = dir.resolve("typed.parquet");
        SharedSpark.session().sql("SELECT 'p1' AS participant, 's1' AS statement, 2.5D AS vote").write().parquet(parquetVotes.toString());
        assertRefused("typed.parquet:1: column 'vote': expected a vote 1 (agree), -1 (disagree) or 0 (pass), got '2.5'", "deliberate", parquetVotes.toString());
    }
}
