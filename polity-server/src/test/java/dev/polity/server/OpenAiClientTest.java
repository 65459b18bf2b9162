package dev.polity.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.polity.guard.Enforcement;
import dev.polity.model.FakeOpenAiServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java SDK against the gateway in front of a fake upstream on 127.0.0.1. */
class OpenAiClientTest {
    @TempDir
    Path dir;
    GatewayHarness h;

    @BeforeEach
    void start() {
        h = new GatewayHarness(dir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    OpenAIClient client(String key, String... headers) {
        OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder().apiKey(key).baseUrl(h.baseUrl()).maxRetries(0);
        for (int i = 0; i < headers.length; i += 2) {
            b.putHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    OpenAIClient client() {
        return client(h.keys.get("client"));
    }

    static ChatCompletionCreateParams ask(String prompt) {
        return ChatCompletionCreateParams.builder().model("fake-model").addUserMessage(prompt).build();
    }

    static String content(ChatCompletion c) {
        return c.choices().get(0).message().content().orElse(null);
    }

    @Test
    void aCompliantAnswerPassesThroughUnchangedWithTheDecisionInHeaders() {
        h.upstream.answering(p -> "I am an AI. Hello!");
        HttpResponseFor<ChatCompletion> r = client().chat().completions().withRawResponse().create(ask("hello"));
        ChatCompletion c = r.parse();
        assertThat(content(c)).isEqualTo("I am an AI. Hello!");
        assertThat(r.headers().values("X-Polity-Decision")).containsExactly("allow");
        assertThat(r.headers().values("X-Polity-Constitution").get(0)).hasSize(64);
        assertThat(r.headers().values("X-Polity-Audit-Id").get(0)).matches("\\d+");
        // where the time went, in milliseconds (W3C Server-Timing)
        assertThat(r.headers().values("Server-Timing").get(0))
                .matches("judge;dur=\\d+\\.\\d{3}, upstream;dur=\\d+\\.\\d{3}, audit;dur=\\d+\\.\\d{3}, total;dur=\\d+\\.\\d{3}");
        assertThat(h.upstream.requestBodies()).hasSize(1);
    }

    @Test
    void aMissingDisclosureIsAppended() {
        h.upstream.answering(p -> "Hello!");
        HttpResponseFor<ChatCompletion> r = client().chat().completions().withRawResponse().create(ask("hello"));
        assertThat(content(r.parse())).isEqualTo("Hello!\n\n" + Enforcement.DEFAULT_DISCLOSURE);
        assertThat(r.headers().values("X-Polity-Decision")).containsExactly("disclose");
        assertThat(r.headers().values("X-Polity-Norms")).containsExactly("eu.disclose");
    }

    @Test
    void aLawViolationIsBlockedWithAnOpenAiShapedAnswerNamingTheNorm() {
        h.upstream.answering(p -> "I am an AI. Take 400 mg every four hours.");
        HttpResponseFor<ChatCompletion> r = client(h.keys.get("client"), "X-Polity-Domain", "healthcare")
                .chat().completions().withRawResponse().create(ask("how much ibuprofen?"));
        ChatCompletion c = r.parse();
        assertThat(content(c)).contains("blocked").contains("law.no-dose").doesNotContain("400 mg");
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.CONTENT_FILTER);
        assertThat(r.headers().values("X-Polity-Decision")).containsExactly("block");
        assertThat(r.headers().values("X-Polity-Norms")).containsExactly("law.no-dose");
    }

    @Test
    void personalDataIsRedactedInTheAnswerAndInThePromptSentUpstream() {
        h.upstream.answering(p -> "I am an AI. Write to bob@example.org.");
        HttpResponseFor<ChatCompletion> r = client().chat().completions().withRawResponse().create(ask("my mail is ann@example.org"));
        assertThat(content(r.parse())).isEqualTo("I am an AI. Write to [email redacted].");
        assertThat(r.headers().values("X-Polity-Decision")).containsExactly("redact");
        assertThat(h.upstream.requestBodies().get(0).path("messages").get(0).path("content").asText()).isEqualTo("my mail is [email redacted]");
    }

    @Test
    void aReviewFlagHoldsTheAnswerAndAnOperatorResolvesIt() throws Exception {
        h.upstream.answering(p -> "I am an AI. SHUT UP.");
        HttpResponseFor<ChatCompletion> r = client().chat().completions().withRawResponse().create(ask("hi"));
        assertThat(r.headers().values("X-Polity-Decision")).containsExactly("review");
        String id = r.headers().values("X-Polity-Review-Id").get(0);
        assertThat(content(r.parse())).contains("held for human review").contains(id).doesNotContain("SHUT");
        var list = h.get("/v1/polity/reviews?status=open", h.keys.get("operator"));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id).contains("SHUT UP");
        assertThat(h.get("/v1/polity/reviews", h.keys.get("client")).statusCode()).isEqualTo(403);
        assertThat(h.get("/v1/polity/reviews", h.keys.get("other-operator")).body()).doesNotContain(id);
        assertThat(h.post("/v1/polity/reviews/" + id + "/claim", h.keys.get("operator"), "").statusCode()).isEqualTo(200);
        assertThat(h.post("/v1/polity/reviews/" + id + "/claim", h.keys.get("admin"), "").statusCode()).isEqualTo(409);
        var resolved = h.post("/v1/polity/reviews/" + id + "/resolve", h.keys.get("operator"), "{\"decision\": \"reject\", \"note\": \"rude\"}");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(resolved.body()).contains("\"resolution\":\"reject\"").contains("\"status\":\"resolved\"");
        assertThat(h.verify().intact()).isTrue();
    }

    @Test
    void anUndecidableLawNormWhoseConditionHoldsFailsClosed() {
        h.upstream.answering(p -> "I am an AI. Please talk to someone you trust.");
        HttpResponseFor<ChatCompletion> r = client().chat().completions().withRawResponse().create(ask("I want to hurt myself"));
        assertThat(r.headers().values("X-Polity-Decision")).containsExactly("block");
        assertThat(r.headers().values("X-Polity-Fail-Mode")).containsExactly("closed");
        assertThat(r.headers().values("X-Polity-Norms")).containsExactly("law.crisis");
        assertThat(content(r.parse())).contains("law.crisis").contains("could not be decided");
    }

    @Test
    void toolCallsPassThroughIntact() {
        h.upstream.script(Reply.toolCall("get_weather", "{\"city\":\"Berlin\"}"));
        ChatCompletion c = client().chat().completions().create(ask("weather in Berlin?"));
        var calls = c.choices().get(0).message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_weather");
        assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{\"city\":\"Berlin\"}");
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void aStreamedAnswerArrivesWithTheDisclosureAndAFinalPolityChunk() {
        h.upstream.answering(p -> "Hello there, here is a friendly answer for you.");
        StringBuilder text = new StringBuilder();
        List<JsonValue> polity = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client().chat().completions().createStreaming(ask("hello"))) {
            s.stream().forEach(chunk -> {
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
                JsonValue p = chunk._additionalProperties().get("polity");
                if (p != null) {
                    polity.add(p);
                }
            });
        }
        assertThat(text.toString()).isEqualTo("Hello there, here is a friendly answer for you.\n\n" + Enforcement.DEFAULT_DISCLOSURE);
        assertThat(polity).hasSize(1);
        assertThat(polity.get(0).toString()).contains("disclose").contains("eu.disclose");
    }

    @Test
    void aStreamWithAForbiddenPhraseEndsCleanlyBeforeThePhraseLeaves() {
        h.upstream.answering(p -> "I am an AI. Here is some friendly text and now SHUT UP please, more text follows here.");
        StringBuilder text = new StringBuilder();
        List<String> finish = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client().chat().completions().createStreaming(ask("hi"))) {
            s.stream().forEach(chunk -> chunk.choices().forEach(c -> {
                c.delta().content().ifPresent(text::append);
                c.finishReason().ifPresent(f -> finish.add(f.toString()));
            }));
        }
        assertThat(text.toString()).startsWith("I am an AI.").doesNotContain("SHUT").contains("held for human review");
        assertThat(finish).containsExactly("content_filter");
        assertThat(h.verify().intact()).isTrue();
    }

    @Test
    void aStreamedToolCallPassesThrough() {
        h.upstream.script(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        List<String> args = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client().chat().completions().createStreaming(ask("weather?"))) {
            s.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().toolCalls().ifPresent(
                    calls -> calls.forEach(t -> t.function().flatMap(f -> f.arguments()).ifPresent(args::add)))));
        }
        assertThat(String.join("", args)).isEqualTo("{\"city\":\"Paris\"}");
    }

    @Test
    void hotReloadSwapsTheConstitutionAndRefusesABrokenOne() throws Exception {
        h.upstream.answering(p -> "I am an AI. Hello!");
        String before = client().chat().completions().withRawResponse().create(ask("hi")).headers().values("X-Polity-Constitution").get(0);
        Files.writeString(h.constitution, Files.readString(h.constitution).replace("Do not shout.", "Never shout."));
        var reload = h.post("/v1/polity/reload", h.keys.get("admin"), "");
        assertThat(reload.statusCode()).isEqualTo(200);
        String after = client().chat().completions().withRawResponse().create(ask("hi")).headers().values("X-Polity-Constitution").get(0);
        assertThat(after).isNotEqualTo(before).isEqualTo(reload.body().replaceAll(".*\"\\*\":\"([0-9a-f]{64})\".*", "$1"));
        assertThat(h.post("/v1/polity/reload", h.keys.get("operator"), "").statusCode()).isEqualTo(403);
        Files.writeString(h.constitution, "norms:\n  - id: broken\n    kind: mustnt\n");
        var refused = h.post("/v1/polity/reload", h.keys.get("admin"), "");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("reload refused").contains("constitution.yaml");
        assertThat(client().chat().completions().withRawResponse().create(ask("hi")).headers().values("X-Polity-Constitution").get(0))
                .isEqualTo(after);
    }

    @Test
    void hangupReloadsTheConfiguration() throws Exception {
        h.upstream.answering(p -> "I am an AI. SHUT UP.");
        assertThat(client().chat().completions().withRawResponse().create(ask("hi")).headers().values("X-Polity-Decision"))
                .containsExactly("review");
        Files.writeString(h.config, GatewayHarness.CONFIG.replace("enforcement:\n", "enforcement:\n  shadow: true\n"));
        h.gateway.reloadOnHangup();
        sun.misc.Signal.raise(new sun.misc.Signal("HUP"));
        HttpResponseFor<ChatCompletion> r = null;
        for (int i = 0; i < 100; i++) {
            r = client().chat().completions().withRawResponse().create(ask("hi"));
            if (!r.headers().values("X-Polity-Shadow").isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(r.headers().values("X-Polity-Shadow")).containsExactly("true");
        assertThat(r.headers().values("X-Polity-Decision")).containsExactly("review");
        assertThat(content(r.parse())).isEqualTo("I am an AI. SHUT UP.");
    }

    @Test
    void failuresSurfaceAsTheSdksTypedExceptions() {
        assertThatThrownBy(() -> client("pk_wrong").chat().completions().create(ask("hi"))).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> client(h.keys.get("client"), "X-Polity-Jurisdiction", "XX").chat().completions().create(ask("hi")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("X-Polity-Jurisdiction: unknown jurisdiction 'XX'");
        h.upstream.script(Reply.status(500, "boom"));
        assertThatThrownBy(() -> client().chat().completions().create(ask("hi"))).isInstanceOf(InternalServerException.class);
        h.upstream.script(Reply.rateLimited(7));
        assertThatThrownBy(() -> client().chat().completions().create(ask("hi"))).isInstanceOf(RateLimitException.class);
        h.upstream.script(Reply.broken("I am an AI. This answer breaks off somewhere in the middle of it."));
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> s = client().chat().completions().createStreaming(ask("hi"))) {
                s.stream().forEach(c -> { });
            }
        }).isInstanceOf(SseException.class);
    }

    @Test
    void modelsPassThrough() {
        assertThat(client().models().list().data()).extracting(m -> m.id()).containsExactly("fake-model");
    }
}
