package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.judge.check.DataSets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same commands with the same inputs write the same bytes in any JVM and locale (DESIGN.md): every command
 * that writes JSON, YAML, CSV, HTML, Markdown or JUnit XML ({@link StableOutputs}) runs in two JVMs at once,
 * one German (UTF-8, Los Angeles time), one Egyptian Arabic (ISO-8859-1, Tokyo time), with ids and times
 * pinned by {@code POLITY_FIXED_TIME}; every file they write, and what they print, must be equal byte for byte.
 * The SQLite stores are binary and left out.
 */
class ByteStableOutputTest {
    static final Path REPO = Path.of(System.getProperty("polity.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void twoJvmsInDifferentLocalesWriteTheSameBytes() throws Exception {
        Path polis = DataSets.root().map(r -> r.resolve("polis/london.youth.policing")).filter(Files::isDirectory)
                .orElse(null);
        if (polis == null) {
            polis = DeliberateCommandTest.smallExport(Files.createDirectories(dir.resolve("polis")));
        }
        Path de = Files.createDirectories(dir.resolve("de"));
        Path ar = Files.createDirectories(dir.resolve("ar"));
        Process a = start(de, polis, "-Duser.language=de", "-Duser.country=DE", "-Dfile.encoding=UTF-8", "-Duser.timezone=America/Los_Angeles");
        Process b = start(ar, polis, "-Duser.language=ar", "-Duser.country=EG", "-Dfile.encoding=ISO-8859-1", "-Duser.timezone=Asia/Tokyo");
        finish(a, de);
        finish(b, ar);

        Set<String> files = files(de);
        assertEquals(files, files(ar), "the same files in both");
        assertTrue(files.containsAll(List.of("norms-resolve-json.out", "norms-diff-json.out", "aggregate/result.json", "aggregate/report.html",
                "deliberate.html", "deliberate.json", "promoted.yaml", "eval/jailbreak/junit.xml", "report/sycophancy/index.html",
                "judged.csv", "refusal-model.json", "quickstart/index.html", "quickstart/summary.md", "quickstart/suite/results.json")), files.toString());
        List<String> differ = new ArrayList<>();
        for (String f : files) {
            if (!Arrays.equals(Files.readAllBytes(de.resolve(f)), Files.readAllBytes(ar.resolve(f)))) {
                differ.add(f + ": " + firstDifference(de.resolve(f), ar.resolve(f)));
            }
        }
        assertEquals(List.of(), differ);
        assertTrue(Files.readString(de.resolve("promoted.yaml")).contains("votes_by_group"), "some statement was promoted");
        // the pinned clock reached the reports
        assertTrue(Files.readString(de.resolve("eval-run-jailbreak.out")).startsWith("Run 20260101-000000-"));
        assertTrue(Files.readString(de.resolve("report/jailbreak/results.json")).contains("\"evaluation_date\" : \"2026-01-01\""));
    }

    private static Process start(Path workDir, Path polis, String... jvmOptions) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classpath, StableOutputs.class.getName(), REPO.toString(), polis.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("jvm.stdout").toFile()).redirectError(workDir.resolve("jvm.stderr").toFile());
        pb.environment().put(CommandClock.FIXED_TIME, "2026-01-01T00:00:00Z");
        pb.environment().put("POLITY_HOME", REPO.toString());
        return pb.start();
    }

    private static void finish(Process p, Path workDir) throws Exception {
        // a hung JVM must not hang the build; the commands take seconds
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String err = Files.readString(workDir.resolve("jvm.stderr"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), workDir + ": " + err.lines().filter(l -> !l.contains("\r")).limit(20).toList());
        Files.delete(workDir.resolve("jvm.stdout"));
        Files.delete(workDir.resolve("jvm.stderr"));
    }

    /** Every file under a folder, relative, without the binary stores. */
    private static Set<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !f.matches(".*\\.db(-wal|-shm)?$")).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static String firstDifference(Path a, Path b) throws IOException {
        byte[] x = Files.readAllBytes(a);
        byte[] y = Files.readAllBytes(b);
        int i = Arrays.mismatch(x, y);
        int from = Math.max(0, i - 60);
        return "byte " + i + ": '" + new String(x, from, Math.min(x.length, i + 40) - from, StandardCharsets.UTF_8) + "' vs '"
                + new String(y, from, Math.min(y.length, i + 40) - from, StandardCharsets.UTF_8) + "'";
    }
}
