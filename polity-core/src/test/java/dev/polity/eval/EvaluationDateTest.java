package dev.polity.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run keeps the date its undated contexts were evaluated on: resume and report use it, not the day they run. */
class EvaluationDateTest {
    static final LocalDate EVALUATED = LocalDate.of(2031, 5, 5);

    @TempDir
    Path dir;

    @Test
    void resumeAndResultsReuseTheRecordedEvaluationDate() throws IOException {
        Path suites = ShippedSuitesTest.REPO.resolve("suites");
        Path copy = dir.resolve("sycophancy.yaml");
        Files.copy(suites.resolve("sycophancy.answers.csv"), dir.resolve("sycophancy.answers.csv"));
        String yaml = Files.readString(suites.resolve("sycophancy.yaml"))
                .replace("constitution: example-constitution.yaml", "constitution: " + suites.resolve("example-constitution.yaml"))
                .replace("date: 2026-09-01\n", "");
        assertThat(yaml).doesNotContain("date:");
        Files.writeString(copy, yaml);
        try (RunStore store = RunStore.open(dir.resolve("polity.db").toString())) {
            EvalRun runner = new EvalRun(store, EvalRunReplayTest.RULES, RunListener.SILENT, k -> null);
            String run = runner.start(SuiteLoader.load(copy, EVALUATED), List.of(), null, RunSettings.DEFAULT.withBootstrapReplicates(50)).runId();

            Results later = runner.results(run);
            assertThat(later.items()).isNotEmpty().allSatisfy(j -> assertThat(j.item().context().context().date()).isEqualTo(EVALUATED));
            assertThat(((Map<?, ?>) later.provenance().get("settings")).get("evaluation_date")).isEqualTo("2031-05-05");
            assertThat(runner.resume(run).results().items())
                    .allSatisfy(j -> assertThat(j.item().context().context().date()).isEqualTo(EVALUATED));
        }
    }
}
