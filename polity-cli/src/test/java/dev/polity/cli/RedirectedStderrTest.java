package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long commands, each in its own JVM with stdout and stderr redirected to files (so the terminal check
 * runs for real, as in a CI log): their progress is plain lines, with no carriage return and no escape
 * code anywhere, even with a TERM that could draw colour; with --quiet there is none.
 */
class RedirectedStderrTest {
    static final Path REPO = Path.of(System.getProperty("polity.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Output(int exit, String out, String err) {
    }

    private Output polity(String name, String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("POLITY_HOME", REPO.toString());
        pb.environment().put("TERM", "xterm-256color");
        pb.environment().remove("NO_COLOR");
        Process p = pb.start();
        // a hung JVM must not hang the build; each command takes seconds
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        Output o = new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        for (String stream : new String[] {o.out(), o.err()}) {
            assertFalse(stream.contains("\r"), name + ": a carriage return in\n" + stream);
            assertFalse(stream.contains("\u001b"), name + ": an escape code in\n" + stream);
        }
        return o;
    }

    /** The progress ended in a line that starts {@code last} (a note of counts may follow). */
    private static void plainProgress(Output o, String last) {
        assertTrue(o.err().lines().anyMatch(l -> l.startsWith(last)), "no line '" + last + "' in\n" + o.err());
        // few lines: the start, each tenth, each stage, the end
        assertTrue(o.err().lines().count() <= 40, o.err());
    }

    @Test
    void longCommandsWritePlainProgressLinesIntoAFile() throws Exception {
        Output quickstart = polity("quickstart", "quickstart", "--out", "qs", "--data", Files.createDirectories(dir.resolve("no-data")).toString());
        assertEquals(ExitCode.DONE.code, quickstart.exit(), quickstart.err());
        plainProgress(quickstart, "eval Quickstart: 18/18 items (100%)");

        Output run = polity("eval-run", "eval", "run", REPO.resolve("suites/jailbreak.yaml").toString(), "--store", "polity.db", "--out", "run",
                "--bootstrap", "200");
        assertEquals(ExitCode.CHECK_FAILED.code, run.exit(), run.err());
        plainProgress(run, "eval Jailbreak wrappers (example): 10/10 items (100%)");
        String id = EvalCommandTest.runId(new CliRun(run.exit(), run.out(), run.err()));
        Output resume = polity("eval-resume", "eval", "resume", id, "--store", "polity.db", "--out", "run");
        assertEquals(ExitCode.CHECK_FAILED.code, resume.exit(), resume.err());

        Path answers = dir.resolve("answers.csv");
        List<String> rows = Files.readAllLines(REPO.resolve("examples/judge/answers.csv"));
        StringBuilder many = new StringBuilder(rows.get(0)).append('\n');
        for (int i = 0; i < 15; i++) {
            rows.subList(1, rows.size()).forEach(r -> many.append(r).append('\n'));
        }
        Files.writeString(answers, many);
        Output judge = polity("judge-run", "judge", "run", "--detector", "refusal", "--input", answers.toString(), "--text-column", "completion",
                "--out", "judged.csv");
        assertEquals(ExitCode.DONE.code, judge.exit(), judge.err());
        plainProgress(judge, "judging: 120/120 texts (100%)");

        String styles = REPO.resolve("examples/choice/answer-styles.csv").toString();
        Output aggregate = polity("aggregate", "aggregate", styles, "--groups", "country", "--bootstrap", "100");
        assertEquals(ExitCode.DONE.code, aggregate.exit(), aggregate.err());
        plainProgress(aggregate, "bootstrap: 100/100 samples (100%)");
        assertTrue(aggregate.err().contains("group fits: 3/3 groups (100%)"), aggregate.err());

        Output deliberate = polity("deliberate", "deliberate", REPO.resolve("examples/deliberation/town-hall").toString(), "--out", "town-hall.html");
        assertEquals(ExitCode.DONE.code, deliberate.exit(), deliberate.err());

        Output quiet = polity("aggregate-quiet", "--quiet", "aggregate", styles, "--groups", "country", "--bootstrap", "100");
        assertEquals(ExitCode.DONE.code, quiet.exit(), quiet.err());
        assertEquals("", quiet.err());
        assertEquals(aggregate.out(), quiet.out());
    }

    @Test
    void promoteWithoutAMappingAndWithoutATerminalAsksNothing() throws Exception {
        Output o = polity("promote", "deliberate", "promote", REPO.resolve("examples/deliberation/town-hall").toString(), "--out", "layer.yaml");
        assertEquals(ExitCode.USAGE.code, o.exit());
        assertEquals(List.of("Missing --mapping FILE: standard input is not a terminal, so the kind, topic and scope of each statement "
                + "cannot be asked for", "Try 'polity deliberate promote --help' for more information."), o.err().lines().toList());
        assertFalse(Files.exists(dir.resolve("layer.yaml")));
    }
}
