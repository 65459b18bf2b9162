package dev.polity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polity.model.FakeOpenAiServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A ChatModelSource against the fake OpenAI-compatible server: answers, retries, timeouts, bad replies, load. */
class ChatModelSourceTest {
    private static final CallPolicy FAST = new CallPolicy(Duration.ofSeconds(5), 4, Duration.ofMillis(1), Duration.ofMillis(20), 4);

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatModelSource source(CallPolicy policy) {
        return ChatModelSource.openAi("fake-model", server.baseUrl(), "sk-test-secret-1234", policy, new ConcurrencyLimit(policy.concurrency()));
    }

    @Test
    void answersWithTextModelTokensAndFinishReason() {
        server.answering(p -> "Paris.");
        Answer a = source(FAST).answer(AnswerRequest.of("What is the capital of France?"));
        assertThat(a.text()).isEqualTo("Paris.");
        assertThat(a.modelId()).isEqualTo("fake-model");
        assertThat(a.inputTokens()).isEqualTo(6);
        assertThat(a.outputTokens()).isEqualTo(1);
        assertThat(a.finishReason()).isEqualTo("stop");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void passesConversationTemperatureSeedAndMaxTokensInTheBody() {
        AnswerRequest r = new AnswerRequest(List.of(Message.system("Be brief."), Message.user("Hi"), Message.assistant("Hello."),
                Message.user("Capital of Peru?")), 0.25, 42, 64);
        Answer a = source(FAST).answer(r);
        assertThat(a.text()).isEqualTo("You asked: Capital of Peru?");
        JsonNode body = server.requestBodies().get(0);
        assertThat(body.path("model").asText()).isEqualTo("fake-model");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.25);
        assertThat(body.path("seed").asInt()).isEqualTo(42);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("messages")).extracting(m -> m.path("role").asText())
                .containsExactly("system", "user", "assistant", "user");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Be brief.");
    }

    @Test
    void leavesUnsetSettingsOutOfTheBody() {
        source(FAST).answer(AnswerRequest.of("x"));
        JsonNode body = server.requestBodies().get(0);
        assertThat(body.has("seed")).isFalse();
        assertThat(body.has("temperature")).isFalse();
    }

    @Test
    void recoversFromRateLimitsAndServerErrors() {
        server.script(Reply.rateLimited(1), Reply.status(500, "internal"), Reply.status(503, "overloaded"));
        Answer a = source(FAST).answer(AnswerRequest.of("ping"));
        assertThat(a.text()).isEqualTo("You asked: ping");
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void recoversFromADroppedConnection() {
        server.script(Reply.drop());
        assertThat(source(FAST).answer(AnswerRequest.of("ping")).text()).isEqualTo("You asked: ping");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void givesUpAfterMaxAttemptsWithAOneLineTransientError() {
        server.replying(p -> Reply.status(500, "always broken"));
        assertThatThrownBy(() -> source(FAST.withMaxAttempts(3)).answer(AnswerRequest.of("ping")))
                .isInstanceOfSatisfying(AnswerUnavailableException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).startsWith("openai:fake-model@" + server.baseUrl() + ": HTTP 500")
                            .contains("always broken").endsWith("(gave up after 3 attempts)").doesNotContain("\n");
                });
        assertThat(server.requests()).isEqualTo(3);
    }

    @Test
    void doesNotRetryAClientErrorAndNeverShowsTheKey() {
        server.script(Reply.status(401, "invalid api key"));
        assertThatThrownBy(() -> source(FAST).answer(AnswerRequest.of("ping")))
                .isInstanceOfSatisfying(AnswerUnavailableException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("HTTP 401").doesNotContain("sk-test-secret-1234");
                });
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void timesOutASlowServerOnEveryAttempt() {
        server.delay(Duration.ofSeconds(3));
        CallPolicy policy = FAST.withTimeout(Duration.ofMillis(150)).withMaxAttempts(2);
        assertThatThrownBy(() -> source(policy).answer(AnswerRequest.of("slow")))
                .isInstanceOfSatisfying(AnswerUnavailableException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("no response within 150 ms").contains("2 attempts");
                });
        assertThat(server.requests()).isEqualTo(2);
    }

    /** Issue 10, defect 10: an endpoint that accepts connections and never answers is judged dead after two timeouts. */
    @Test
    void defect10AHungEndpointIsJudgedDeadAfterTwoTimeoutsAndNotAskedAgain() {
        server.hang();
        ChatModelSource source = source(FAST.withTimeout(Duration.ofMillis(150)).withMaxAttempts(5).withConcurrency(1));
        assertThatThrownBy(() -> source.answer(AnswerRequest.of("anyone there?"))).isInstanceOfSatisfying(EndpointDeadException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e.getMessage()).isEqualTo("openai:fake-model@" + server.baseUrl() + ": the endpoint looks dead: 2 attempts in a row "
                    + "got no answer within 150 ms; not asking it again until the run is resumed");
        });
        assertThat(server.requests()).isEqualTo(2); // not 5
        assertThatThrownBy(() -> source.answer(AnswerRequest.of("and now?"))).isInstanceOf(EndpointDeadException.class);
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void anAnswerBetweenTimeoutsKeepsTheEndpointAlive() {
        Reply late = Reply.delayed(Duration.ofSeconds(6), Reply.ok("too late"));
        server.script(late, Reply.ok("one"), late, Reply.ok("two"), late, Reply.ok("three"));
        // generous: an answer that misses the timeout on a loaded machine would make two timeouts in a row
        ChatModelSource source = source(FAST.withTimeout(Duration.ofMillis(1500)).withConcurrency(1));
        assertThat(List.of(source.answer(AnswerRequest.of("a")).text(), source.answer(AnswerRequest.of("b")).text(),
                source.answer(AnswerRequest.of("c")).text())).containsExactly("one", "two", "three");
    }

    @Test
    void aTimeoutIsRetriedAndTheNextAttemptSucceeds() {
        server.script(Reply.delayed(Duration.ofSeconds(10), Reply.ok("too late")));
        // the retry must answer within the timeout: a second timeout in a row would judge the endpoint dead
        Answer a = source(FAST.withTimeout(Duration.ofMillis(3000))).answer(AnswerRequest.of("ping"));
        assertThat(a.text()).isEqualTo("You asked: ping");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void malformedJsonIsAClearPermanentError() {
        server.script(Reply.malformed("{\"choices\": [ this is not json"));
        assertThatThrownBy(() -> source(FAST).answer(AnswerRequest.of("ping")))
                .isInstanceOfSatisfying(AnswerUnavailableException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("malformed response").doesNotContain("\n");
                });
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aResponseWithNoChoicesCountsAsAServerFaultAndIsRetried() {
        // LangChain4j reads an empty choices list as the server's failure, so it is retried like a 500
        server.replying(p -> Reply.malformed("{\"id\":\"x\",\"choices\":[]}"));
        assertThatThrownBy(() -> source(FAST.withMaxAttempts(2)).answer(AnswerRequest.of("ping")))
                .isInstanceOf(AnswerUnavailableException.class).hasMessageContaining("no choices");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void aServerThatDiesFailsTransientlyAfterItsLastAnswer() {
        server.dieAfter(2);
        ChatModelSource s = source(FAST.withMaxAttempts(2));
        assertThat(s.answer(AnswerRequest.of("one")).text()).isEqualTo("You asked: one");
        assertThat(s.answer(AnswerRequest.of("two")).text()).isEqualTo("You asked: two");
        assertThatThrownBy(() -> s.answer(AnswerRequest.of("three")))
                .isInstanceOfSatisfying(AnswerUnavailableException.class, e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void neverHasMoreRequestsInFlightThanTheLimit() throws Exception {
        server.delay(Duration.ofMillis(100));
        assertThat(maxInFlightWith(source(FAST.withConcurrency(3)), 12)).isBetween(2, 3);
    }

    @Test
    void aLimitSharedByTwoSourcesBoundsThemTogether() throws Exception {
        server.delay(Duration.ofMillis(100));
        ConcurrencyLimit shared = new ConcurrencyLimit(2);
        ChatModelSource a = ChatModelSource.openAi("a", server.baseUrl(), null, FAST, shared);
        ChatModelSource b = ChatModelSource.openAi("b", server.baseUrl(), null, FAST, shared);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Answer>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ChatModelSource s = i % 2 == 0 ? a : b;
                String p = "q" + i;
                all.add(pool.submit(() -> s.answer(AnswerRequest.of(p))));
            }
            for (Future<Answer> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.maxInFlight()).isBetween(1, 2);
        assertThat(server.requests()).isEqualTo(8);
    }

    @Test
    void withoutALimitTheServerSeesMoreInFlight() throws Exception {
        // the control for the two tests above: the fake server does handle requests in parallel
        server.delay(Duration.ofMillis(400));
        assertThat(maxInFlightWith(source(FAST.withConcurrency(8)), 8)).isGreaterThan(3);
    }

    private int maxInFlightWith(ChatModelSource source, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Answer>> all = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String p = "question " + i;
                all.add(pool.submit(() -> source.answer(AnswerRequest.of(p))));
            }
            for (int i = 0; i < threads; i++) {
                assertThat(all.get(i).get().text()).isEqualTo("You asked: question " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        return server.maxInFlight();
    }

    @Test
    void anyChatModelGetsTheSameRetriesOnLangChain4jsTypedExceptions() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        dev.langchain4j.model.chat.ChatModel flaky = new dev.langchain4j.model.chat.ChatModel() {
            @Override
            public dev.langchain4j.model.chat.response.ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest request) {
                if (calls.incrementAndGet() <= 2) {
                    throw new dev.langchain4j.exception.RateLimitException("slow down");
                }
                assertThat(request.parameters().temperature()).isEqualTo(0.5);
                return dev.langchain4j.model.chat.response.ChatResponse.builder()
                        .aiMessage(dev.langchain4j.data.message.AiMessage.from("fine")).build();
            }
        };
        Answer a = ChatModelSource.of("custom", flaky, FAST).answer(AnswerRequest.of("x").withTemperature(0.5));
        assertThat(a).isEqualTo(new Answer("fine", "custom", a.latency(), null, null, null));
        assertThat(calls.get()).isEqualTo(3);
        calls.set(-100);
        assertThatThrownBy(() -> ChatModelSource.of("custom", flaky, FAST).answer(AnswerRequest.of("x")))
                .isInstanceOf(AnswerUnavailableException.class).hasMessage("custom: slow down (gave up after 4 attempts)");
    }

    @Test
    void ollamaModelsAreCalledThroughTheSameSource() {
        server.answering(p -> "Lima.");
        ChatModelSource s = ChatModelSource.ollama("llama3", server.root(), FAST, new ConcurrencyLimit(1));
        Answer a = s.answer(AnswerRequest.of("Capital of Peru?").withSeed(7).withTemperature(0.0));
        assertThat(a.text()).isEqualTo("Lima.");
        assertThat(a.outputTokens()).isEqualTo(1);
        JsonNode body = server.requestBodies().get(0);
        assertThat(body.path("model").asText()).isEqualTo("llama3");
        assertThat(body.path("options").path("seed").asInt()).isEqualTo(7);
        assertThat(s.name()).isEqualTo("ollama:llama3@" + server.root());
    }
}
