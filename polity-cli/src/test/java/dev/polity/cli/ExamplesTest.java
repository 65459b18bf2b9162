package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled examples (examples/README.md) say what they show, and the README's commands run on a fresh clone. */
class ExamplesTest {
    static final Path REPO = Path.of(System.getProperty("polity.repo", "..")).toAbsolutePath().normalize();
    static final Path EXAMPLES = REPO.resolve("examples");
    private static final Pattern EXIT = Pattern.compile("\\bexit (\\d)");
    private static final Set<String> EVAL_WITH_STORE = Set.of("run", "resume", "report", "gate", "list");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} elects {1}")
    @CsvSource({"plurality,3", "irv,1", "borda,2", "copeland,2", "schulze,2", "ranked-pairs,2", "kemeny,2", "maximal-lotteries,2"})
    void centreSqueeze(String rule, int winner) throws Exception {
        CliRun r = CliRun.of("aggregate", EXAMPLES.resolve("choice/medical-questions.soc").toString(), "--rule", rule, "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.get("winners").size());
        assertEquals(winner, json.get("winners").get(0).asInt());
    }

    /** One command of a Markdown code block: the words after bin/polity, and the comment after it. */
    record Example(String source, List<String> words, String comment) {
    }

    /**
     * The {@code bin/polity} commands of the fenced code blocks of a Markdown file, continuation lines joined,
     * commands separated by {@code ;} split, a redirection ({@code > FILE}) dropped.
     */
    static List<Example> examples(Path markdown) throws IOException {
        List<Example> out = new ArrayList<>();
        boolean inCode = false;
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(markdown)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (!inCode) {
                continue;
            }
            pending.append(line.strip());
            if (line.endsWith("\\")) {
                pending.setLength(pending.length() - 1);
                continue;
            }
            String whole = pending.toString();
            pending.setLength(0);
            int hash = whole.indexOf(" #");
            String comment = hash < 0 ? "" : whole.substring(hash + 2).strip();
            String commands = hash < 0 ? whole : whole.substring(0, hash);
            for (String command : commands.split(" ; ")) {
                String c = command.strip().replaceFirst("\\s+>\\s*\\S+$", "");
                if (c.startsWith("bin/polity")) {
                    List<String> words = new ArrayList<>(Arrays.asList(c.split("\\s+")));
                    words.remove(0);
                    out.add(new Example(REPO.relativize(markdown) + ": " + c, words, comment));
                }
            }
        }
        return out;
    }

    /**
     * Every README command that needs neither the real data nor a live model runs as written, from the
     * checkout: inputs are the repository's files, outputs go to a temporary folder, RUN is the run the
     * README starts. The exit code is the one the comment names ("exit 3"), else 0 (done) or 3 (a check that
     * failed on purpose, as the example suites' gates do); never bad input, usage or an incomplete run. The
     * docs' commands that name a bundled example run the same way.
     */
    @Test
    void everyReadmeCommandRunsOnAFreshClone() throws Exception {
        List<Example> all = new ArrayList<>(examples(REPO.resolve("README.md")));
        try (Stream<Path> docs = Files.list(REPO.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                examples(doc).stream().filter(e -> e.words().stream().anyMatch(w -> w.startsWith("examples/"))).forEach(all::add);
            }
        }
        String run = null;
        List<String> ran = new ArrayList<>();
        for (Example e : all) {
            if (e.words().stream().anyMatch(w -> w.startsWith("../shared/data") || w.contains("@http"))) {
                continue; // real data (RealDataChecksTest and the core tests use it) or a live model
            }
            if (e.words().get(0).equals("spark")) {
                continue; // runs with Spark's jars, in polity-spark's tests (SparkCommandTest)
            }
            List<String> args = arguments(e.words(), run);
            CliRun r = CliRun.of(args.toArray(String[]::new));
            Matcher exit = EXIT.matcher(e.comment());
            if (exit.find()) {
                assertEquals(Integer.parseInt(exit.group(1)), r.exit(), e.source() + "\n" + r.err());
            } else {
                assertTrue(r.exit() == ExitCode.DONE.code || r.exit() == ExitCode.CHECK_FAILED.code, e.source() + ": exit " + r.exit() + "\n" + r.err());
            }
            assertFalse(r.err().contains("no such file"), e.source() + "\n" + r.err());
            if (args.size() > 1 && args.get(0).equals("eval") && args.get(1).equals("run")) {
                run = EvalCommandTest.runId(r);
            }
            ran.add(e.source());
        }
        assertTrue(ran.size() >= 20, ran.toString());
        assertTrue(ran.stream().anyMatch(s -> s.contains("norms diff examples/constitutions/old.yaml")), ran.toString());
        assertTrue(ran.stream().anyMatch(s -> s.contains("judge train")) && ran.stream().anyMatch(s -> s.contains("eval gate RUN")), ran.toString());
    }

    /** The words as this test runs them: paths into the checkout, outputs into the temporary folder, a store there. */
    private List<String> arguments(List<String> words, String run) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String previous = i == 0 ? "" : words.get(i - 1);
            if (w.equals("RUN")) {
                assertNotNull(run, "RUN before any eval run");
                args.add(run);
            } else if (previous.equals("--out") || previous.equals("--store")) {
                args.add(dir.resolve(w).toString());
            } else if (!w.startsWith("-") && Files.exists(REPO.resolve(w))) {
                args.add(REPO.resolve(w).toString());
            } else {
                args.add(w);
            }
        }
        if (args.size() > 1 && args.get(0).equals("eval") && EVAL_WITH_STORE.contains(args.get(1)) && !args.contains("--store")) {
            args.addAll(List.of("--store", dir.resolve("polity.db").toString()));
        }
        if (args.equals(List.of("quickstart"))) {
            // a fresh clone has no real data: the quickstart without its checks, into the temporary folder, and
            // the checkout's constitution (bin/polity says where the checkout is; a test runs in polity-cli/)
            args.addAll(List.of("--out", dir.resolve("quickstart").toString(), "--data", dir.resolve("no-data").toString(),
                    "--constitution", REPO.resolve("constitutions/starter.yaml").toString()));
        }
        return args;
    }
}
