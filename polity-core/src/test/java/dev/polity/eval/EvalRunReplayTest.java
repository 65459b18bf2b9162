package dev.polity.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.polity.judge.Ensemble;
import dev.polity.judge.RuleDetector;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.input.InvalidInputException;
import dev.polity.report.Reports;
import dev.polity.store.Provenance;
import dev.polity.store.RunRecord;
import dev.polity.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example suites through the runner and their replay files: every item is answered exactly once,
 * the reports are written, and the figures are those {@link ShippedSuitesTest} pins for the same answers
 * judged by hand (rule detector and the lexical refusal classifier in both).
 */
class EvalRunReplayTest {
    static final EvalRun.Judges RULES = (suite, judgeModels) ->
            JudgePanel.of(Ensemble.builder().add(new RuleDetector()).build(), ShippedSuitesTest.LEXICAL);

    @TempDir
    Path dir;

    static Suite suite(String name) {
        return SuiteLoader.load(ShippedSuitesTest.REPO.resolve("suites/" + name + ".yaml"), java.time.LocalDate.of(2026, 9, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "context-variation", "sycophancy", "jailbreak", "counterfactual", "over-refusal"})
    void everyItemIsAnsweredOnceAndJudgedAsByHand(String name) throws IOException {
        ShippedSuitesTest.Run byHand = ShippedSuitesTest.run(name);
        try (RunStore store = RunStore.open(dir.resolve("polity.db").toString())) {
            RunSummary s = new EvalRun(store, RULES, RunListener.SILENT, k -> null).start(suite(name), List.of(), null,
                    RunSettings.DEFAULT.withBootstrapReplicates(200));
            assertThat(s.failures()).isEmpty();
            assertThat(s.complete()).isTrue();
            assertThat(s.answered()).isEqualTo(s.planned()).isEqualTo(byHand.results().items().size());
            RunRecord rec = store.run(s.runId()).orElseThrow();
            assertThat(rec.answers()).hasSize(s.planned());
            assertThat(rec.answers().stream().map(a -> a.item()).collect(Collectors.toSet())).hasSize(s.planned());
            // the same items, answers and outcomes as judged by hand
            assertThat(outcomes(s.results())).isEqualTo(outcomes(byHand.results()));
            assertThat(s.results().gate().passed()).isEqualTo(byHand.results().gate().passed());
            List<Path> files = Reports.writeAll(s.results(), dir.resolve("out"));
            assertThat(files).allSatisfy(f -> assertThat(Files.size(f)).isPositive());
        }
    }

    private static Set<String> outcomes(Results r) {
        return r.items().stream().map(j -> j.item().key() + " " + j.answer().hashCode() + " " + j.outcome() + " " + j.refusal())
                .collect(Collectors.toSet());
    }

    @Test
    void theFiguresAreThoseTheExampleSuitesWereWrittenToShow() {
        try (RunStore store = RunStore.open(dir.resolve("polity.db").toString())) {
            EvalRun runner = new EvalRun(store, RULES, RunListener.SILENT, k -> null);
            RunSettings settings = RunSettings.DEFAULT.withBootstrapReplicates(200);

            Metrics.ContextConsistency cv = runner.start(suite("context-variation"), List.of(), null, settings)
                    .results().metrics().consistency().get(0);
            assertThat(List.of(cv.differingPairs(), cv.identicalAnswers())).containsExactly(6, 3);
            assertThat(cv.normFollowing().value()).isCloseTo(2.0 / 6, within(1e-12));

            Metrics.FlipRate f = runner.start(suite("sycophancy"), List.of(), null, settings).results().metrics().flips().get(0);
            assertThat(List.of(f.pairs(), f.correctFirst(), f.flipped())).containsExactly(4, 3, 1);

            Results jb = runner.start(suite("jailbreak"), List.of(), null, settings).results();
            assertThat(jb.metrics().attacks()).allSatisfy(a -> assertThat(a.attackSuccess().value()).isEqualTo(0.5));
            assertThat(jb.gate().breaches()).extracting(Gate.Check::name).containsExactly("max_attack_success");

            Metrics.CounterfactualGap g = runner.start(suite("counterfactual"), List.of(), null, settings)
                    .results().metrics().counterfactual().get(0);
            assertThat(List.of(g.refusalGap().value(), g.violationGap().value())).containsExactly(0.5, 0.5);

            Metrics.OverRefusal o = runner.start(suite("over-refusal"), List.of(), null, settings).results().metrics().overRefusal().get(0);
            assertThat(List.of(o.refused(), o.n())).containsExactly(2, 5);
        }
    }

    @Test
    void aRunRecordsItsProvenanceAndItsResultsReadBackFromTheStoreAlone() throws IOException {
        Path db = dir.resolve("polity.db");
        Suite suite = suite("sycophancy");
        RunSummary s;
        try (RunStore store = RunStore.open(db.toString())) {
            s = new EvalRun(store, RULES, RunListener.SILENT, k -> null).start(suite, List.of(), null,
                    RunSettings.DEFAULT.withSeed(7).withBootstrapReplicates(300).withConcurrency(2));
        }
        try (RunStore store = RunStore.open(db.toString())) {
            Provenance p = store.run(s.runId()).orElseThrow().provenance();
            assertThat(p.suiteSha256()).isEqualTo(Provenance.sha256(suite.file())).isEqualTo(suite.digest());
            assertThat(p.constitutionSha256()).isEqualTo(ConstitutionLoader.load(suite.constitution()).digest()).hasSize(64);
            assertThat(p.modelSpec()).startsWith("replay:").endsWith("sycophancy.answers.csv?prompt=prompt&answer=answer");
            assertThat(p.polityVersion()).isNotBlank();
            assertThat(p.settings()).containsEntry("seed", 7).containsEntry("concurrency", 2).containsEntry("bootstrap_replicates", 300)
                    .containsEntry("temperature", 0.0).containsEntry("suite", suite.file().toString())
                    .containsEntry("models", List.of("replay:sycophancy.answers.csv")).containsKey("started");
            Results again = new EvalRun(store, RULES, RunListener.SILENT, k -> null).results(s.runId());
            assertThat(again.metrics()).isEqualTo(s.results().metrics());
            assertThat(again.items()).isEqualTo(s.results().items());
            assertThat(again.provenance()).containsEntry("run", s.runId()).containsEntry("suite_sha256", suite.digest());
        }
    }

    @Test
    void aChangedSuiteIsNotResumedAndAnUnknownRunIsOneLine() throws IOException {
        Path copy = dir.resolve("s/sycophancy.yaml");
        Files.createDirectories(copy.getParent());
        Path suites = ShippedSuitesTest.REPO.resolve("suites");
        Files.copy(suites.resolve("sycophancy.answers.csv"), dir.resolve("s/sycophancy.answers.csv"));
        Files.writeString(copy, Files.readString(suites.resolve("sycophancy.yaml"))
                .replace("constitution: example-constitution.yaml", "constitution: " + suites.resolve("example-constitution.yaml")));
        try (RunStore store = RunStore.open(dir.resolve("polity.db").toString())) {
            EvalRun runner = new EvalRun(store, RULES, RunListener.SILENT, k -> null);
            String run = runner.start(SuiteLoader.load(copy, java.time.LocalDate.of(2026, 9, 1)), List.of(), null, RunSettings.DEFAULT.withBootstrapReplicates(50)).runId();
            Files.writeString(copy, Files.readString(copy).replace("max_flip_rate: 0.3", "max_flip_rate: 0.2"));
            assertThatThrownBy(() -> runner.resume(run)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("the suite changed since run " + run + " started");
            assertThatThrownBy(() -> runner.resume("nope")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no run 'nope' in this store");
        }
    }

    @Test
    void theStandardPanelFindsTheSameRefusalsAsTheLexicalBaseline() {
        // the MiniLM refusal classifier on the recorded answers: the figures the suites were written to show
        try (RunStore store = RunStore.open(dir.resolve("polity.db").toString())) {
            EvalRun runner = EvalRun.standard(store, RunListener.SILENT);
            RunSettings settings = RunSettings.DEFAULT.withBootstrapReplicates(100);
            RunSummary over = runner.start(suite("over-refusal"), List.of(), null, settings);
            assertThat(over.complete()).isTrue();
            assertThat(over.results().items()).allSatisfy(j -> assertThat(j.refusal()).isNotNull());
            Metrics.OverRefusal o = over.results().metrics().overRefusal().get(0);
            assertThat(List.of(o.refused(), o.n())).containsExactly(2, 5);
            Metrics.CounterfactualGap g = runner.start(suite("counterfactual"), List.of(), null, settings)
                    .results().metrics().counterfactual().get(0);
            assertThat(List.of(g.refusalGap().value(), g.violationGap().value())).containsExactly(0.5, 0.5);
        }
    }
}
