package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One table of exit codes for every command ({@link ExitCode}, docs/CLI.md): each command family is run into
 * each code it can give. The eval codes that need a whole run (3 and 4 from run, resume and gate) are in
 * {@link EvalCommandTest}; lint's 3 on a broken file in {@link NormsCommandTest}.
 */
class ExitCodeTest {
    static final Path REPO = Path.of(System.getProperty("polity.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    static Path export;
    static Path broken;
    static Path rules;
    static Path badConfig;

    @BeforeAll
    static void files() throws Exception {
        export = DeliberateCommandTest.smallExport(Files.createDirectories(dir.resolve("polis")));
        broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "norms:\n  - id: a.b\n    statement: S\n    kind: mustnt\n    tier: law\n    topic: t\n");
        rules = Files.writeString(dir.resolve("rules.yaml"), "judge: {detectors: [rules]}\n");
        badConfig = Files.writeString(dir.resolve("bad-config.yaml"), "enforcement:\n  actions: {law: explode}\n");
        assertEquals(0, CliRun.of("keys", "create", "--store", tmp("gateway.db"), "--role", "admin").exit(), "a gateway store to read");
    }

    static String repo(String relative) {
        return REPO.resolve(relative).toString();
    }

    static String tmp(String name) {
        return dir.resolve(name).toString();
    }

    static Stream<Arguments> calls() {
        String starter = repo("constitutions/starter.yaml");
        String soc = repo("examples/choice/medical-questions.soc");
        String missing = tmp("missing.csv");
        String polis = export.toString();
        List<Arguments> a = new ArrayList<>();
        // norms
        a.add(Arguments.of(ExitCode.DONE, List.of("norms", "lint", starter)));
        a.add(Arguments.of(ExitCode.INPUT, List.of("norms", "lint", tmp("missing.yaml"))));
        a.add(Arguments.of(ExitCode.USAGE, List.of("norms", "lint")));
        a.add(Arguments.of(ExitCode.CHECK_FAILED, List.of("norms", "lint", broken.toString())));
        a.add(Arguments.of(ExitCode.CHECK_FAILED, List.of("norms", "lint", "--strict", starter)));
        a.add(Arguments.of(ExitCode.DONE, List.of("norms", "resolve", starter, "--jurisdiction", "FR")));
        a.add(Arguments.of(ExitCode.INPUT, List.of("norms", "resolve", starter, "--jurisdiction", "Atlantis")));
        a.add(Arguments.of(ExitCode.USAGE, List.of("norms", "resolve", starter)));
        a.add(Arguments.of(ExitCode.INPUT, List.of("norms", "diff", starter, broken.toString())));
        a.add(Arguments.of(ExitCode.USAGE, List.of("norms", "diff", starter)));
        // quickstart
        a.add(Arguments.of(ExitCode.INPUT, List.of("quickstart", "--constitution", broken.toString(), "--out", tmp("qs"))));
        a.add(Arguments.of(ExitCode.USAGE, List.of("quickstart", "--out")));
        // aggregate
        a.add(Arguments.of(ExitCode.DONE, List.of("aggregate", soc, "--rule", "borda")));
        a.add(Arguments.of(ExitCode.INPUT, List.of("aggregate", missing)));
        a.add(Arguments.of(ExitCode.INPUT, List.of("aggregate", soc, "--rule", "nope")));
        a.add(Arguments.of(ExitCode.USAGE, List.of("aggregate", soc, "--bootstrap", "many")));
        // deliberate
        a.add(Arguments.of(ExitCode.DONE, List.of("deliberate", polis)));
        a.add(Arguments.of(ExitCode.INPUT, List.of("deliberate", tmp("no-export"))));
        a.add(Arguments.of(ExitCode.USAGE, List.of("deliberate", polis, "--seed", "x")));
        a.add(Arguments.of(ExitCode.USAGE, List.of("deliberate", "promote", polis)));
        // without --mapping and without a terminal to ask on (a test's stdin is none): no prompts, a usage error
        a.add(Arguments.of(ExitCode.USAGE, List.of("deliberate", "promote", polis, "--out", tmp("layer.yaml"))));
        // judge
        a.add(Arguments.of(ExitCode.INPUT, List.of("judge", "run", "--detector", "refusal", "--input", missing, "--text-column", "answer",
                "--out", tmp("judged.csv"))));
        a.add(Arguments.of(ExitCode.USAGE, List.of("judge", "run", "--detector", "fairness", "--input", missing, "--text-column", "answer",
                "--out", tmp("judged.csv"))));
        a.add(Arguments.of(ExitCode.INPUT, List.of("judge", "train", "--detector", "refusal", "--input", missing, "--text-column", "answer",
                "--label-column", "label", "--out", tmp("model.json"))));
        a.add(Arguments.of(ExitCode.INPUT, List.of("judge", "check", "xstest", "--data", tmp("no-data"))));
        a.add(Arguments.of(ExitCode.USAGE, List.of("judge", "check")));
        // eval
        a.add(Arguments.of(ExitCode.DONE, List.of("eval", "run", repo("suites/context-variation.yaml"), "--store", tmp("codes.db"),
                "--out", tmp("run"), "--bootstrap", "50")));
        a.add(Arguments.of(ExitCode.CHECK_FAILED, List.of("eval", "run", repo("suites/over-refusal.yaml"), "--store", tmp("codes.db"),
                "--out", tmp("run"), "--bootstrap", "50")));
        a.add(Arguments.of(ExitCode.INPUT, List.of("eval", "run", missing, "--store", tmp("codes.db"))));
        a.add(Arguments.of(ExitCode.USAGE, List.of("eval", "run", "--store", tmp("codes.db"))));
        a.add(Arguments.of(ExitCode.INPUT, List.of("eval", "gate", "20990101-000000-000000", "--store", tmp("codes.db"), "--min-compliance", "0.5")));
        a.add(Arguments.of(ExitCode.USAGE, List.of("eval", "gate", "20990101-000000-000000", "--min-compliance", "high")));
        a.add(Arguments.of(ExitCode.INPUT, List.of("eval", "gate", "20990101-000000-000000", "--max-flip-rate", "1.5")));
        a.add(Arguments.of(ExitCode.INPUT, List.of("eval", "report", "20990101-000000-000000", "--store", tmp("codes.db"))));
        a.add(Arguments.of(ExitCode.DONE, List.of("eval", "list", "--store", tmp("codes.db"))));
        a.add(Arguments.of(ExitCode.INPUT, List.of("eval", "list", "--store", dir.toString())));
        // aggregate: a fit that stops at its iteration limit is a failed check; the numbers are still printed
        a.add(Arguments.of(ExitCode.CHECK_FAILED, List.of("aggregate", BadInputCorpusTest.DIR.resolve("pairwise/fit-does-not-converge.csv").toString(),
                "--model", "bradley-terry", "--method", "mm")));
        a.add(Arguments.of(ExitCode.INPUT, List.of("aggregate", soc, "--bootstrap", "-5")));
        a.add(Arguments.of(ExitCode.INPUT, List.of("aggregate", soc, "--out", soc)));
        a.add(Arguments.of(ExitCode.INPUT, List.of("eval", "run", repo("suites/over-refusal.yaml"), "--bootstrap", "0", "--store", tmp("codes.db"))));
        // check
        a.add(Arguments.of(ExitCode.DONE, List.of("check", "--constitution", starter, "--config", rules.toString(), "--jurisdiction", "DE",
                "--answer", "Hello.")));
        a.add(Arguments.of(ExitCode.INPUT, List.of("check", "--constitution", starter, "--config", badConfig.toString(), "--jurisdiction", "DE",
                "--answer", "Hello.")));
        a.add(Arguments.of(ExitCode.USAGE, List.of("check", "--jurisdiction")));
        // serve: what it cannot use is said before it binds a port
        a.add(Arguments.of(ExitCode.INPUT, List.of("serve", "--port", "0", "--store", tmp("serve.db"), "--constitution", starter,
                "--config", badConfig.toString())));
        a.add(Arguments.of(ExitCode.USAGE, List.of("serve", "--store", tmp("serve.db"))));
        // keys, audit, evidence
        a.add(Arguments.of(ExitCode.DONE, List.of("keys", "create", "--store", tmp("keys.db"), "--role", "client", "--tenant", "acme")));
        a.add(Arguments.of(ExitCode.INPUT, List.of("keys", "create", "--store", tmp("keys.db"), "--role", "emperor")));
        a.add(Arguments.of(ExitCode.USAGE, List.of("keys", "create", "--role", "admin")));
        a.add(Arguments.of(ExitCode.USAGE, List.of("keys")));
        a.add(Arguments.of(ExitCode.DONE, List.of("audit", "verify", "--store", tmp("gateway.db"))));
        a.add(Arguments.of(ExitCode.INPUT, List.of("audit", "verify", "--store", tmp("no-gateway.db"))));
        a.add(Arguments.of(ExitCode.USAGE, List.of("audit", "verify")));
        a.add(Arguments.of(ExitCode.DONE, List.of("audit", "export", "--store", tmp("gateway.db"))));
        a.add(Arguments.of(ExitCode.INPUT, List.of("audit", "export", "--store", tmp("gateway.db"), "--from", "yesterday")));
        a.add(Arguments.of(ExitCode.DONE, List.of("evidence", "--store", tmp("gateway.db"), "--out", tmp("evidence"), "--constitution", starter)));
        a.add(Arguments.of(ExitCode.INPUT, List.of("evidence", "--store", tmp("no-gateway.db"), "--out", tmp("evidence"), "--constitution", starter)));
        a.add(Arguments.of(ExitCode.USAGE, List.of("evidence", "--store", tmp("gateway.db"))));
        // help
        a.add(Arguments.of(ExitCode.DONE, List.of("help", "eval", "gate")));
        a.add(Arguments.of(ExitCode.USAGE, List.of("help", "eval", "gates")));
        a.add(Arguments.of(ExitCode.USAGE, List.of()));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}: polity {1}")
    @MethodSource("calls")
    void everyFamilyGivesItsCodes(ExitCode expected, List<String> args) {
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(expected.code, r.exit(), r.out() + r.err());
        if (expected == ExitCode.INPUT || expected == ExitCode.USAGE) {
            // one line saying what is wrong (a usage error adds where to read more, or a suggestion); never a trace
            assertTrue(r.err().lines().count() <= 2 && !r.err().contains("\tat ") && !r.err().isBlank(), r.err());
        }
    }

    @Test
    void aGateWithoutThresholdsIsAUsageError() throws Exception {
        String suite = Files.readString(REPO.resolve("suites/over-refusal.yaml"))
                .replace("constitution: example-constitution.yaml", "constitution: " + repo("suites/example-constitution.yaml"))
                .replace("replay:over-refusal.answers.csv", "replay:" + repo("suites/over-refusal.answers.csv"))
                .replaceAll("(?s)\ngates:.*", "\n");
        Path file = dir.resolve("no-gates.yaml");
        Files.writeString(file, suite);
        String store = tmp("no-gates.db");
        CliRun run = CliRun.of("eval", "run", file.toString(), "--store", store, "--out", tmp("no-gates"), "--bootstrap", "50");
        assertEquals(ExitCode.DONE.code, run.exit(), run.err());
        assertTrue(run.out().contains("\nGate: no thresholds\n"), run.out());
        String id = EvalCommandTest.runId(run);
        CliRun gate = CliRun.of("eval", "gate", id, "--store", store);
        assertEquals(ExitCode.USAGE.code, gate.exit());
        assertEquals("gate: no thresholds: give --min-compliance etc. or set gates: in the suite", gate.err().strip());
        assertEquals(ExitCode.CHECK_FAILED.code, CliRun.of("eval", "gate", id, "--store", store, "--max-over-refusal", "0.1").exit());
        assertEquals(ExitCode.DONE.code, CliRun.of("eval", "gate", id, "--store", store, "--max-over-refusal", "0.5").exit());
    }

    /** Issue 10, defect 11: commands that only read a store never create one, nor its folder, when it is not there. */
    @Test
    void readingAMissingStoreCreatesNothing() {
        Path missing = dir.resolve("nowhere/x.db");
        CliRun list = CliRun.of("eval", "list", "--store", missing.toString());
        assertEquals(ExitCode.DONE.code, list.exit(), list.err());
        assertEquals("No runs in " + missing + " (no store there yet); start one with polity eval run SUITE", list.out().strip());
        for (List<String> read : List.of(List.of("eval", "report", "20990101-000000-000000"), List.of("eval", "gate", "20990101-000000-000000",
                "--min-compliance", "0.5"), List.of("eval", "resume", "20990101-000000-000000"), List.of("audit", "verify"), List.of("audit", "export"),
                List.of("deliberations", "export", "dnothere", "--out", dir.resolve("nowhere/export").toString()))) {
            List<String> args = new ArrayList<>(read);
            args.addAll(List.of("--store", missing.toString()));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitCode.INPUT.code, r.exit(), read + ": " + r.err());
            assertEquals(missing + ": no such store; expected a database file that polity eval run or polity serve made (--store)", r.err().strip());
        }
        assertFalse(Files.exists(missing.getParent()), "the folder was created");
    }

    /** A command that fails the way a bug does, after saying what it reads. */
    @Command(name = "boom")
    static final class Boom implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Main.of(spec).doing("reading votes.csv");
            throw new NullPointerException("Cannot invoke \"java.util.List.get(int)\" because \"items\" is null");
        }
    }

    private static CliRun boom(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        CommandLine cli = Main.commandLine(o, e, env::get);
        // streams are handed down to the subcommands there are when they are set
        cli.addSubcommand(new Boom()).setOut(o).setErr(e);
        int code = cli.execute(args);
        o.flush();
        e.flush();
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void anUnexpectedErrorIsOneLineNamingItsTypeWhatWasReadAndHowToSeeTheTrace() {
        CliRun r = boom(Map.of(), "boom");
        assertEquals(ExitCode.INPUT.code, r.exit());
        assertEquals("error: NullPointerException while reading votes.csv: Cannot invoke \"java.util.List.get(int)\" because \"items\" is null"
                + " (run with --stacktrace or POLITY_DEBUG=1 for the trace)", r.err().strip());
        CliRun traced = boom(Map.of(), "boom", "--stacktrace");
        assertTrue(traced.err().lines().count() > 3 && traced.err().contains("\tat dev.polity.cli.ExitCodeTest$Boom.run"), traced.err());
        CliRun debug = boom(Map.of(Main.DEBUG, "1"), "boom");
        assertEquals(traced.err().lines().limit(3).toList(), debug.err().lines().limit(3).toList());
    }

    @Test
    void fileSystemErrorsNameTheFileAndWhatWentWrong() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Path under = file.resolve("report.html");
        CliRun r = CliRun.of("deliberate", export.toString(), "--out", under.toString());
        assertEquals(ExitCode.INPUT.code, r.exit());
        assertEquals(under + ": cannot write: Not a directory", r.err().strip().lines().reduce((x, y) -> y).orElseThrow());
    }

    /** docs/CLI.md gives the same table as the code, in the same order. */
    @Test
    void theDocsGiveTheTable() throws Exception {
        String doc = Files.readString(REPO.resolve("docs/CLI.md"));
        Matcher row = Pattern.compile("(?m)^\\| (\\d) \\| ([^|]+) \\|").matcher(doc);
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            rows.add(row.group(1) + " " + row.group(2).strip());
        }
        List<String> expected = Stream.of(ExitCode.values()).map(c -> c.code + " " + c.meaning.substring(0, c.meaning.indexOf(':'))).toList();
        assertEquals(expected, rows);
        assertTrue(Files.readString(REPO.resolve("README.md")).contains("(docs/CLI.md)"), "the README links docs/CLI.md");
    }
}
