package dev.polity.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polity.input.InvalidInputException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRunStoreTest extends RunStoreContract {
    @TempDir
    Path dir;

    @Override
    String location() {
        return dir.resolve("sub/runs.db").toString();
    }

    @Test
    void runsInWalModeInTheFileGiven() throws Exception {
        assertThat(store.dialect()).isEqualTo(RunStore.Dialect.SQLITE);
        assertThat(Files.exists(dir.resolve("sub/runs.db"))).isTrue();
        store.createRun(provenance());
        assertThat(Files.exists(dir.resolve("sub/runs.db-wal"))).isTrue();
    }

    @Test
    void aFixedClockPinsRunIdsAndTimes() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        String first;
        String second;
        try (RunStore a = RunStore.open(dir.resolve("a.db").toString(), fixed)) {
            first = a.createRun(provenance());
            second = a.createRun(provenance());
            assertThat(a.run(first).orElseThrow().created()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        }
        try (RunStore b = RunStore.open(dir.resolve("b.db").toString(), fixed)) {
            assertThat(b.createRun(provenance())).isEqualTo(first);
            assertThat(b.createRun(provenance())).isEqualTo(second);
        }
        // the same provenance started twice in one instant takes the next attempt's id, not the first's
        assertThat(first).matches("20260101-000000-[0-9a-f]{6}");
        assertThat(second).matches("20260101-000000-[0-9a-f]{6}").isNotEqualTo(first);
    }

    @Test
    void aStoreThatCannotBeOpenedIsOneLine() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        assertThatThrownBy(() -> RunStore.open(folder.toString())).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.oneLine()).isEqualTo(folder + ": cannot open the store: it is a directory, expected a database file"));
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThatThrownBy(() -> RunStore.open(file.resolve("runs.db").toString())).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.oneLine()).startsWith(file.resolve("runs.db") + ": cannot open the store: cannot create its folder"));
        Path notDb = Files.writeString(dir.resolve("notes.db"), "this is not a database, just some text that is long enough ".repeat(20));
        assertThatThrownBy(() -> RunStore.open(notDb.toString())).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.oneLine()).startsWith(notDb + ": cannot open the store: ").doesNotContain("\n"));
        assertThatThrownBy(() -> RunStore.open("jdbc:mysql://h/db?password=hunter2")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.oneLine()).isEqualTo("jdbc:mysql://h/db?password=***: unsupported store; expected a file path, "
                        + "jdbc:sqlite:PATH or jdbc:postgresql://HOST/DB"));
    }

    @Test
    void aStoreFromANewerPolityIsRefused() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + location()); var s = c.createStatement()) {
            s.execute("INSERT INTO polity_schema (version, description, applied) VALUES (99, 'future', 'x')");
        }
        store.close();
        assertThatThrownBy(() -> RunStore.open(location())).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.oneLine()).contains("written by a newer Polity (schema version 99; this one knows up to " + Migrations.latest() + ")"));
        store = RunStore.open(dir.resolve("other.db").toString());
    }

    /**
     * A writer process killed in the middle of a run loses nothing it reported stored and stores nothing
     * twice; what is left unanswered is exactly what it did not store, and resuming completes the run.
     */
    @Test
    void aKilledWriterResumesWithoutLossOrRepetition() throws Exception {
        String db = dir.resolve("crash.db").toString();
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), StoreWriterProcess.class.getName(), db, "400")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String runId = null;
        Set<String> reported = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("run ")) {
                    runId = line.substring(4);
                } else if (line.startsWith("stored ")) {
                    reported.add(line.substring(7));
                    if (reported.size() == 60) {
                        writer.destroyForcibly();
                        break;
                    }
                } else {
                    throw new AssertionError("writer said: " + line);
                }
            }
        }
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.exitValue()).isNotZero();
        assertThat(runId).isNotNull();

        try (RunStore after = RunStore.open(db)) {
            List<StoredAnswer> stored = after.answers(runId);
            Set<String> storedCases = new HashSet<>();
            stored.forEach(s -> assertThat(storedCases.add(s.item().caseId())).as("stored twice: " + s.item()).isTrue());
            assertThat(storedCases).containsAll(reported).hasSizeLessThan(400);
            List<PlannedRequest> left = after.unanswered(runId);
            Set<String> leftCases = new HashSet<>();
            left.forEach(p -> leftCases.add(p.item().caseId()));
            assertThat(leftCases).doesNotContainAnyElementsOf(storedCases);
            assertThat(leftCases.size() + storedCases.size()).isEqualTo(400);

            // resume: answer what is left (each from the cache when the same request was answered before)
            List<RunStore.NewAnswer> rest = new ArrayList<>();
            for (PlannedRequest p : left) {
                assertThat(after.cached(p.requestHash())).isEmpty();
                rest.add(answered(p, "answer to " + p.request().lastUserText()));
            }
            after.storeAnswers(runId, rest);
            assertThat(after.unanswered(runId)).isEmpty();
            assertThat(after.answers(runId)).hasSize(400)
                    .allSatisfy(a -> assertThat(a.answer().text()).isEqualTo("answer to " + a.request().lastUserText()));
        }
    }
}
