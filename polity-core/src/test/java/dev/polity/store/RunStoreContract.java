package dev.polity.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polity.model.Answer;
import dev.polity.model.AnswerRequest;
import dev.polity.model.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store does, whichever database holds it. */
abstract class RunStoreContract {
    static final String SOURCE = "openai:fake@http://127.0.0.1:1/v1";

    RunStore store;

    abstract String location();

    @BeforeEach
    void open() {
        store = RunStore.open(location());
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    static Provenance provenance() {
        return new Provenance("c".repeat(64), "s".repeat(64), SOURCE, Map.of("seed", 7, "temperature", 0.0), "0.1.0-test");
    }

    static PlannedRequest planned(String caseId, String context, String prompt) {
        AnswerRequest r = AnswerRequest.of(prompt).withSeed(7).withTemperature(0.0);
        return new PlannedRequest(new RunItem(caseId, context, "none"), r.hash(SOURCE), r);
    }

    static RunStore.NewAnswer answered(PlannedRequest p, String text) {
        return new RunStore.NewAnswer(p.item(), p.requestHash(), p.request(),
                new Answer(text, "fake", Duration.ofMillis(12), 5, 3, "stop"));
    }

    @Test
    void migratesToTheLatestSchemaAndReopensWithoutChange() {
        assertThat(store.schemaVersion()).isEqualTo(Migrations.latest()).isEqualTo(3);
        store.close();
        store = RunStore.open(location());
        assertThat(store.schemaVersion()).isEqualTo(3);
    }

    @Test
    void aRunIsReadBackWithProvenanceAnswersAndVerdicts() {
        String run = store.createRun(provenance());
        assertThat(run).matches("\\d{8}-\\d{6}-[0-9a-f]{6}");
        PlannedRequest a = planned("case-1", "DE/general/adult", "Is it legal?");
        PlannedRequest b = planned("case-2", "DE/general/adult", "Tell me more.");
        store.plan(run, List.of(a, b));
        AnswerRequest conversation = new AnswerRequest(List.of(Message.system("Be brief."), Message.user("Tell me more.")), 0.0, 7, 50);
        String idA = store.storeAnswer(run, answered(a, "Yes, under §1."));
        String idB = store.storeAnswer(run, new RunStore.NewAnswer(b.item(), b.requestHash(), conversation, Answer.of("No.", "m")));
        store.storeVerdicts(List.of(
                new StoredVerdict(idA, "eu.x", "rules", "complies", 0.9, "span 0-4"),
                new StoredVerdict(idB, "eu.x", "rules", "uncertain", 0.5, null)));

        RunRecord rec = store.run(run).orElseThrow();
        assertThat(rec.provenance()).isEqualTo(provenance());
        assertThat(rec.answers()).extracting(StoredAnswer::id).containsExactly(idA, idB);
        StoredAnswer first = rec.answers().get(0);
        assertThat(first.item()).isEqualTo(a.item());
        assertThat(first.request()).isEqualTo(a.request());
        assertThat(first.requestHash()).isEqualTo(a.requestHash());
        assertThat(first.answer()).isEqualTo(new Answer("Yes, under §1.", "fake", Duration.ofMillis(12), 5, 3, "stop"));
        assertThat(rec.answers().get(1).request()).isEqualTo(conversation);
        assertThat(rec.verdicts()).containsExactly(
                new StoredVerdict(idA, "eu.x", "rules", "complies", 0.9, "span 0-4"),
                new StoredVerdict(idB, "eu.x", "rules", "uncertain", 0.5, null));
        assertThat(store.run("no-such-run")).isEmpty();
        assertThat(store.runIds()).contains(run);
    }

    @Test
    void aVerdictStoredAgainReplacesTheEarlierOne() {
        String run = store.createRun(provenance());
        PlannedRequest a = planned("c", "x", "p");
        String id = store.storeAnswer(run, answered(a, "t"));
        store.storeVerdicts(List.of(new StoredVerdict(id, "n", "d", "uncertain", 0.5, null)));
        store.storeVerdicts(List.of(new StoredVerdict(id, "n", "d", "violates", 0.8, "why")));
        assertThat(store.verdicts(run)).containsExactly(new StoredVerdict(id, "n", "d", "violates", 0.8, "why"));
    }

    @Test
    void anItemIsStoredExactlyOnce() {
        String run = store.createRun(provenance());
        PlannedRequest a = planned("c", "x", "p");
        String first = store.storeAnswer(run, answered(a, "first"));
        String second = store.storeAnswer(run, answered(a, "second"));
        assertThat(second).isEqualTo(first);
        assertThat(store.answers(run)).singleElement().satisfies(s -> assertThat(s.answer().text()).isEqualTo("first"));
    }

    @Test
    void unansweredIsThePlanLessWhatWasStored() {
        String run = store.createRun(provenance());
        List<PlannedRequest> plan = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            plan.add(planned("case-" + i, i % 2 == 0 ? "DE" : "FR", "prompt " + i));
        }
        store.plan(run, plan);
        store.plan(run, plan.subList(0, 3)); // planning again changes nothing
        store.storeAnswers(run, List.of(answered(plan.get(1), "a"), answered(plan.get(4), "b"), answered(plan.get(9), "c")));
        assertThat(store.unanswered(run)).extracting(p -> p.item().caseId())
                .containsExactly("case-0", "case-2", "case-3", "case-5", "case-6", "case-7", "case-8");
        assertThat(store.unanswered(run).get(0)).isEqualTo(plan.get(0));
        String other = store.createRun(provenance());
        assertThat(store.unanswered(other)).isEmpty();
    }

    @Test
    void identicalRequestsAreAnsweredFromTheCacheAcrossRuns() {
        String run1 = store.createRun(provenance());
        PlannedRequest a = planned("c", "x", "What is 2+2?");
        assertThat(store.cached(a.requestHash())).isEmpty();
        store.storeAnswer(run1, answered(a, "4"));
        AnswerRequest same = AnswerRequest.of("What is 2+2?").withSeed(7).withTemperature(0.0);
        assertThat(store.cached(same.hash(SOURCE))).hasValueSatisfying(ans -> {
            assertThat(ans.text()).isEqualTo("4");
            assertThat(ans.outputTokens()).isEqualTo(3);
        });
        assertThat(store.cached(same.withSeed(8).hash(SOURCE))).isEmpty();
        assertThat(store.cached(same.hash("openai:other@http://h/v1"))).isEmpty();
    }

    @Test
    void concurrentWritersStoreEachItemOnce() throws Exception {
        String run = store.createRun(provenance());
        List<PlannedRequest> plan = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            plan.add(planned(String.format("case-%03d", i), "ctx", "prompt " + i));
        }
        store.plan(run, plan);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Map<Integer, String>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                // every item is written by two threads
                results.add(pool.submit(() -> {
                    Map<Integer, String> ids = new java.util.HashMap<>();
                    for (int i = offset % 4; i < plan.size(); i += 4) {
                        ids.put(i, store.storeAnswer(run, answered(plan.get(i), "by thread " + offset)));
                    }
                    return ids;
                }));
            }
            Map<Integer, Set<String>> idsPerItem = new java.util.HashMap<>();
            for (Future<Map<Integer, String>> f : results) {
                f.get().forEach((i, id) -> idsPerItem.computeIfAbsent(i, k -> new HashSet<>()).add(id));
            }
            assertThat(idsPerItem).hasSize(200).allSatisfy((i, ids) -> assertThat(ids).hasSize(1));
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.answers(run)).hasSize(200);
        assertThat(store.unanswered(run)).isEmpty();
    }

    @Test
    void aVerdictOnAnUnknownAnswerIsRefused() {
        assertThatThrownBy(() -> store.storeVerdicts(List.of(new StoredVerdict("missing", "n", "d", "complies", 1, null))))
                .isInstanceOf(StoreException.class).hasMessageNotContaining("\n");
    }
}
