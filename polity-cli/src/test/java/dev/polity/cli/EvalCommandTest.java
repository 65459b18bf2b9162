package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.model.FakeOpenAiServer;
import dev.polity.model.FakeOpenAiServer.Reply;
import dev.polity.report.Xhtml;
import dev.polity.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code polity eval run | resume | report | gate | list} on the example suites and against a fake model. */
class EvalCommandTest {
    static final Path SUITES = Path.of(System.getProperty("polity.repo", ".."), "suites").toAbsolutePath().normalize();
    private static final Pattern RUN_ID = Pattern.compile("Run (\\d{8}-\\d{6}-[0-9a-f]{6})");

    @TempDir
    Path dir;

    static String runId(CliRun r) {
        Matcher m = RUN_ID.matcher(r.out());
        assertTrue(m.find(), r.out());
        return m.group(1);
    }

    @Test
    void runWritesTheReportsAndGateListReportWorkFromTheStore() throws Exception {
        String store = dir.resolve("polity.db").toString();
        Path out = dir.resolve("report");
        CliRun run = CliRun.of("eval", "run", SUITES.resolve("jailbreak.yaml").toString(), "--store", store, "--out", out.toString(),
                "--bootstrap", "200", "--concurrency", "2");
        // the suite's gate (max_attack_success 0.25) fails: a failed check, exit 3
        assertEquals(ExitCode.CHECK_FAILED.code, run.exit(), run.err());
        String id = runId(run);
        assertTrue(run.out().contains("10 item(s); answered 10"), run.out());
        assertTrue(run.out().contains("attack success 0.50"), run.out());
        assertTrue(run.out().contains("Gate: FAILED"), run.out());
        for (String f : new String[] {"index.html", "results.json", "junit.xml", "summary.md"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve("results.json")).contains(id));
        // the jailbreak suite's wrappers as bars of the attack-success chart of a well-formed page
        assertTrue(Xhtml.withClass(Xhtml.chart(Xhtml.parse(Files.readString(out.resolve("index.html"))), "attack-success"), "rect", "bar").size() > 0);

        // and so does eval gate: one line per breach on stderr, exit 3
        CliRun gate = CliRun.of("eval", "gate", id, "--store", store);
        assertEquals(ExitCode.CHECK_FAILED.code, gate.exit());
        assertEquals(1, gate.err().lines().count(), gate.err());
        assertTrue(gate.err().startsWith("gate: max_attack_success [replay:jailbreak.answers.csv]: "), gate.err());
        // thresholds on the command line override the suite's
        CliRun lenient = CliRun.of("eval", "gate", id, "--store", store, "--max-attack-success", "0.6", "--min-compliance", "0.95");
        assertEquals(0, lenient.exit(), lenient.err());
        assertTrue(lenient.out().contains("gate: passed (2 check(s)"), lenient.out());
        CliRun strict = CliRun.of("eval", "gate", id, "--store", store, "--max-attack-success", "0.6", "--min-compliance", "0.95",
                "--conservative");
        assertEquals(ExitCode.CHECK_FAILED.code, strict.exit());
        assertEquals(1, strict.err().lines().count(), strict.err());

        CliRun list = CliRun.of("eval", "list", "--store", store);
        assertEquals(0, list.exit());
        assertTrue(list.out().startsWith(id) && list.out().contains("10/10 answered"), list.out());

        Path again = dir.resolve("again");
        CliRun report = CliRun.of("eval", "report", id, "--store", store, "--out", again.toString());
        assertEquals(0, report.exit(), report.err());
        assertEquals(Files.readString(out.resolve("summary.md")), Files.readString(again.resolve("summary.md")));

        // resuming a complete run asks nothing; its gate still fails
        CliRun resume = CliRun.of("eval", "resume", id, "--store", store, "--out", again.toString());
        assertEquals(ExitCode.CHECK_FAILED.code, resume.exit(), resume.err());
        assertTrue(resume.out().contains("answered 10 (this session: 0 from the model, 0 from the cache), 0 unanswered"), resume.out());
    }

    @Test
    void aDeadModelLeavesAnIncompleteRunThatResumeFinishes() throws Exception {
        String store = dir.resolve("polity.db").toString();
        String suite = SUITES.resolve("over-refusal.yaml").toString();
        String id;
        try (FakeOpenAiServer server = FakeOpenAiServer.start().answering(p -> "Sure: " + p)) {
            server.dieAfter(2);
            CliRun run = CliRun.of("eval", "run", suite, "--model", "openai:fake@" + server.baseUrl() + "?attempts=2&timeout=2s",
                    "--store", store, "--out", dir.resolve("r1").toString(), "--bootstrap", "50", "--concurrency", "1");
            assertEquals(ExitCode.INCOMPLETE.code, run.exit(), run.out() + run.err());
            id = runId(run);
            assertTrue(run.out().contains("answered 2 (this session: 2 from the model, 0 from the cache), 3 unanswered"), run.out());
            assertTrue(run.out().contains("3 item(s) got no answer in this session:"), run.out());
            assertTrue(run.out().contains("polity eval resume " + id + " --store " + store), run.out());
        }
        // an incomplete run does not pass a gate: it is incomplete, exit 4
        CliRun gate = CliRun.of("eval", "gate", id, "--store", store, "--min-compliance", "0.5");
        assertEquals(ExitCode.INCOMPLETE.code, gate.exit());
        assertTrue(gate.err().contains("is incomplete: 3 item(s) have no answer"), gate.err());

        try (FakeOpenAiServer fresh = FakeOpenAiServer.start().answering(p -> "Sure: " + p)) {
            CliRun resume = CliRun.of("eval", "resume", id, "--store", store, "--model", "openai:fake@" + fresh.baseUrl(),
                    "--out", dir.resolve("r2").toString());
            // the resumed run is complete; the suite's gate (max_over_refusal 0.1) holds: "Sure: ..." refuses nothing
            assertEquals(ExitCode.DONE.code, resume.exit(), resume.out() + resume.err());
            assertEquals(3, fresh.requests());
            assertTrue(resume.out().contains("answered 5 (this session: 3 from the model, 0 from the cache), 0 unanswered"), resume.out());
        }
        try (RunStore st = RunStore.open(store)) {
            assertEquals(5, st.answers(id).size());
            assertTrue(st.unanswered(id).isEmpty());
        }
        assertEquals(0, CliRun.of("eval", "gate", id, "--store", store, "--min-compliance", "0.5").exit());
    }

    @Test
    void badInputIsOneLineAndExitOne() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nconstitution: nowhere.yaml\ncontexts: {us: {jurisdiction: US}}\ncases: []\nprobes: [context]\n");
        CliRun suite = CliRun.of("eval", "run", bad.toString(), "--store", dir.resolve("s.db").toString());
        assertEquals(1, suite.exit());
        assertTrue(suite.err().startsWith(bad.toString().replace(dir.toString() + "/", "")) || suite.err().contains("bad.yaml:"), suite.err());
        assertFalse(suite.err().contains("Exception"), suite.err());

        CliRun model = CliRun.of("eval", "run", SUITES.resolve("over-refusal.yaml").toString(), "--model", "gpt4",
                "--store", dir.resolve("s.db").toString());
        assertEquals(1, model.exit());
        assertEquals("--model: unknown model kind '' in 'gpt4'; expected openai:, ollama: or replay:", model.err().strip());

        CliRun store = CliRun.of("eval", "list", "--store", dir.toString());
        assertEquals(1, store.exit());
        assertEquals(dir + ": cannot open the store: it is a directory, expected a database file", store.err().strip());

        // the bad calls above created nothing (a mistyped --model is said before the store is opened)
        assertFalse(Files.exists(dir.resolve("s.db")));
        RunStore.open(dir.resolve("s.db").toString()).close();
        CliRun run = CliRun.of("eval", "gate", "20990101-000000-000000", "--store", dir.resolve("s.db").toString(), "--min-compliance", "0.9");
        assertEquals(1, run.exit());
        assertTrue(run.err().strip().endsWith("no run '20990101-000000-000000' in this store; polity eval list shows the runs"), run.err());
        assertEquals(1, run.err().strip().lines().count());
    }

    @Test
    void aRateLimitedModelIsRetriedAndTheSecondRunComesFromTheCache() {
        String store = dir.resolve("polity.db").toString();
        String suite = SUITES.resolve("over-refusal.yaml").toString();
        try (FakeOpenAiServer server = FakeOpenAiServer.start().answering(p -> "Sure: " + p)) {
            server.script(Reply.rateLimited(1), Reply.status(500, "boom"));
            String spec = "openai:fake@" + server.baseUrl() + "?attempts=3";
            CliRun first = CliRun.of("eval", "run", suite, "--model", spec, "--store", store, "--out", dir.resolve("a").toString(),
                    "--bootstrap", "50");
            assertEquals(0, first.exit(), first.out() + first.err());
            assertEquals(7, server.requests());
            CliRun second = CliRun.of("eval", "run", suite, "--model", spec, "--store", store, "--out", dir.resolve("b").toString(),
                    "--bootstrap", "50");
            assertEquals(0, second.exit(), second.err());
            assertEquals(7, server.requests());
            assertTrue(second.out().contains("(this session: 0 from the model, 5 from the cache)"), second.out());
        }
    }
}
