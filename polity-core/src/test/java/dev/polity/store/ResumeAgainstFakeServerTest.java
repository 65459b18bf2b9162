package dev.polity.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.model.AnswerRequest;
import dev.polity.model.AnswerSource;
import dev.polity.model.AnswerUnavailableException;
import dev.polity.model.CallPolicy;
import dev.polity.model.ChatModelSource;
import dev.polity.model.ConcurrencyLimit;
import dev.polity.model.FakeOpenAiServer;
import dev.polity.model.FakeOpenAiServer.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model and store together, the way a runner uses them: a live model that rate-limits, fails and then
 * dies mid-run; the run stops, resumes against a new server, and ends with every item answered once and
 * no item asked twice.
 */
class ResumeAgainstFakeServerTest {
    private static final CallPolicy POLICY = new CallPolicy(Duration.ofSeconds(5), 3, Duration.ofMillis(1), Duration.ofMillis(10), 2);

    @TempDir
    Path dir;

    /** Asks every unanswered item, storing each answer before the next; stops at the first lost answer. */
    private static int work(RunStore store, String run, AnswerSource model) {
        int answered = 0;
        for (PlannedRequest p : store.unanswered(run)) {
            try {
                store.storeAnswer(run, new RunStore.NewAnswer(p.item(), p.requestHash(), p.request(), model.answer(p.request())));
                answered++;
            } catch (AnswerUnavailableException e) {
                assertThat(e.isTransient()).isTrue();
                break;
            }
        }
        return answered;
    }

    @Test
    void aServerThatDiesMidRunIsResumedWithEveryItemAnsweredOnce() {
        try (RunStore store = RunStore.open(dir.resolve("runs.db").toString())) {
            String run = store.createRun(new Provenance("c", "s", "openai:fake", Map.of(), "test"));
            List<PlannedRequest> plan = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                AnswerRequest r = AnswerRequest.of("question " + i).withSeed(1);
                plan.add(new PlannedRequest(new RunItem(String.format("q%02d", i), "DE", "none"), r.hash("openai:fake"), r));
            }
            store.plan(run, plan);

            int first;
            try (FakeOpenAiServer server = FakeOpenAiServer.start().answering(p -> "answer to " + p)) {
                server.script(Reply.rateLimited(1), Reply.status(502, "bad gateway"));
                server.dieAfter(14);
                first = work(store, run, ChatModelSource.openAi("fake", server.baseUrl(), null, POLICY, new ConcurrencyLimit(2)));
                assertThat(server.requests()).isEqualTo(14);
            }
            assertThat(first).isEqualTo(12); // 14 requests, two of them retried
            assertThat(store.unanswered(run)).hasSize(18);

            try (FakeOpenAiServer again = FakeOpenAiServer.start().answering(p -> "answer to " + p)) {
                int second = work(store, run, ChatModelSource.openAi("fake", again.baseUrl(), null, POLICY, new ConcurrencyLimit(2)));
                assertThat(second).isEqualTo(18);
                assertThat(again.requests()).isEqualTo(18);
            }
            assertThat(store.unanswered(run)).isEmpty();
            assertThat(store.answers(run)).hasSize(30)
                    .allSatisfy(a -> assertThat(a.answer().text()).isEqualTo("answer to " + a.request().lastUserText()));
        }
    }
}
