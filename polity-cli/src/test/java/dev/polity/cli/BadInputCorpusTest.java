package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus (issue 10): every file under {@code src/test/resources/bad-input} is run through the real
 * command line, in-process, as its line in {@code cases.tsv} says, and must give that line's exit code and first
 * line of stderr, which names the file (and line or field) or the option, and what was expected; never a trace.
 */
class BadInputCorpusTest {
    /** The tests' working folder is the module's, so these paths read in messages as a user would type them. */
    static final Path DIR = Path.of("src/test/resources/bad-input");
    static final Path REPO = Path.of(System.getProperty("polity.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path tmp;

    /** One line of cases.tsv. */
    record Case(int line, String file, int exit, String arguments, String firstLine) {
        @Override
        public String toString() {
            return "cases.tsv:" + line + " polity " + arguments.replace("{file}", file);
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(DIR.resolve("cases.tsv"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("#") || l.isBlank()) {
                continue;
            }
            String[] f = l.split("\t", -1);
            if (f.length != 4) {
                throw new IllegalStateException("cases.tsv:" + (i + 1) + ": expected 4 tab-separated fields, found " + f.length);
            }
            out.add(new Case(i + 1, f[0], Integer.parseInt(f[1]), f[2], f[3]));
        }
        return out;
    }

    static Stream<Case> corpus() throws IOException {
        return cases().stream();
    }

    private static String expand(String s, Case c, Path out) {
        return s.replace("{file}", DIR.resolve(c.file()).toString()).replace("{dir}", DIR.toString())
                .replace("{tmp}", out.toString()).replace("{repo}", REPO.toString()).replace("{cwd}", Path.of("").toAbsolutePath().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadInputGetsItsCodeAndOneLine(Case c) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("case-" + c.line()));
        String[] args = expand(c.arguments(), c, out).split(" ");
        CliRun r = CliRun.of(args);
        String first = r.err().lines().findFirst().orElse("");
        assertEquals(c.exit() + "\t" + expand(c.firstLine(), c, out), r.exit() + "\t" + first,
                () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(first.startsWith("error: "), "an unexpected error, not a message about the input: " + first);
    }

    /**
     * Each expected line names what is wrong where: the file (or a file in its folder, or one it names), the option
     * or the request field.
     */
    @Test
    void everyExpectedLineNamesTheFileOrTheOption() throws IOException {
        for (Case c : cases()) {
            if (c.exit() == 0 && c.firstLine().isEmpty()) {
                continue;
            }
            String name = Path.of(c.file()).getFileName().toString();
            assertTrue(c.firstLine().contains("{file}") || c.firstLine().contains(name) || c.firstLine().contains("{tmp}")
                    || c.firstLine().contains("{dir}/") || c.firstLine().contains("--") || c.firstLine().matches("[a-z_]+: .*"), c + ": " + c.firstLine());
        }
    }

    /** At least 80 bad files, each the subject of a case (ok-* are good files the bad ones refer to). */
    @Test
    void everyFileIsACase() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Case c : cases()) {
            used.add(c.file());
            assertTrue(c.file().equals("-") || Files.exists(DIR.resolve(c.file())), c + ": no such file in the corpus");
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(DIR)) {
            all.filter(Files::isRegularFile).map(p -> DIR.relativize(p).toString().replace('\\', '/')).sorted().forEach(files::add);
        }
        List<String> orphans = files.stream().filter(f -> !f.equals("cases.tsv") && !Path.of(f).getFileName().toString().startsWith("ok-"))
                .filter(f -> used.stream().noneMatch(u -> f.equals(u) || f.startsWith(u + "/"))).toList();
        assertEquals(List.of(), orphans);
        assertTrue(files.size() - 1 >= 80, "only " + (files.size() - 1) + " files");
    }
}
