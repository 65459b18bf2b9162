package dev.polity.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets the right 4xx and an OpenAI-shaped error naming what is wrong; none reaches the upstream. */
class MalformedRequestTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static GatewayHarness h;

    @BeforeAll
    static void start() {
        h = new GatewayHarness(dir);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    static final String OK = "{\"model\": \"fake-model\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("not JSON", "{\"model\": \"m\", \"messages\": [", 400, "not valid JSON"),
                Arguments.of("a JSON array", "[1, 2]", 400, "must be a JSON object"),
                Arguments.of("an empty body", "", 400, "empty"),
                Arguments.of("no messages", "{\"model\": \"fake-model\"}", 400, "messages is required"),
                Arguments.of("messages not a list", "{\"model\": \"fake-model\", \"messages\": \"hi\"}", 400, "messages must be a list"),
                Arguments.of("no message", "{\"model\": \"fake-model\", \"messages\": []}", 400, "at least one message"),
                Arguments.of("a message not an object", "{\"model\": \"fake-model\", \"messages\": [\"hi\"]}", 400, "messages[0] must be an object"),
                Arguments.of("no role", "{\"model\": \"fake-model\", \"messages\": [{\"content\": \"hi\"}]}", 400, "messages[0].role is required"),
                Arguments.of("an unknown role", "{\"model\": \"fake-model\", \"messages\": [{\"role\": \"wizard\", \"content\": \"hi\"}]}", 400, "'wizard'"),
                Arguments.of("content a number", "{\"model\": \"fake-model\", \"messages\": [{\"role\": \"user\", \"content\": 42}]}", 400,
                        "messages[0].content must be a string"),
                Arguments.of("no content", "{\"model\": \"fake-model\", \"messages\": [{\"role\": \"user\"}]}", 400, "messages[0].content is required"),
                Arguments.of("a content part without type", "{\"model\": \"fake-model\", \"messages\": [{\"role\": \"user\", \"content\": [{\"text\": \"hi\"}]}]}",
                        400, "must be an object with a type"),
                Arguments.of("no model", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", 400, "model is required"),
                Arguments.of("model a number", "{\"model\": 7, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", 400, "model is required"),
                Arguments.of("stream a string", "{\"model\": \"fake-model\", \"stream\": \"yes\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                        400, "stream must be true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedBodies(String what, String body, int status, String message) throws Exception {
        int before = h.upstream.requests();
        expect(h.post("/v1/chat/completions", h.keys.get("client"), body), status, message);
        assertThat(h.upstream.requests()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("others")
    void otherMistakes(String what, HttpResponse<String> r, int status, String message) throws Exception {
        expect(r, status, message);
    }

    static Stream<Arguments> others() {
        byte[] badUtf8 = "{\"model\": \"fake-model\", \"messages\": [{\"role\": \"user\", \"content\": \"caf\u00e9\"}]}".getBytes(StandardCharsets.ISO_8859_1);
        String huge = "{\"model\": \"fake-model\", \"messages\": [{\"role\": \"user\", \"content\": \"" + "x".repeat(70_000) + "\"}]}";
        return Stream.of(
                Arguments.of("invalid UTF-8", h.postBytes("/v1/chat/completions", h.keys.get("client"), badUtf8), 400, "not valid UTF-8"),
                Arguments.of("a huge body", h.post("/v1/chat/completions", h.keys.get("client"), huge), 413, "larger than 65536 bytes"),
                Arguments.of("no key", h.post("/v1/chat/completions", null, OK), 401, "missing API key"),
                Arguments.of("a bad key", h.post("/v1/chat/completions", "pk_not-a-key", OK), 401, "invalid API key"),
                Arguments.of("not Bearer", h.send(HttpRequest.newBuilder(URI.create(h.root() + "/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(OK)).header("Authorization", "Basic abc").build()), 401, "expected Bearer KEY"),
                Arguments.of("an unknown jurisdiction", h.post("/v1/chat/completions", h.keys.get("client"), OK, "X-Polity-Jurisdiction", "Atlantis"),
                        400, "X-Polity-Jurisdiction: unknown jurisdiction 'Atlantis'"),
                Arguments.of("an undeclared domain", h.post("/v1/chat/completions", h.keys.get("client"), OK, "X-Polity-Domain", "cooking"),
                        400, "X-Polity-Domain: 'cooking' is not declared"),
                Arguments.of("a check without text", h.post("/v1/polity/check", h.keys.get("client"), "{\"jurisdiction\": \"DE\"}"),
                        400, "give a prompt, an answer or both"),
                Arguments.of("a check with a number for a prompt", h.post("/v1/polity/check", h.keys.get("client"), "{\"jurisdiction\": \"DE\", \"prompt\": 3}"),
                        400, "prompt: expected a string, got number"),
                Arguments.of("a resolve without decision", h.post("/v1/polity/reviews/rev_x/resolve", h.keys.get("operator"), "{}"),
                        400, "decision must be approve or reject"),
                Arguments.of("an unknown review", h.post("/v1/polity/reviews/rev_nope/claim", h.keys.get("operator"), ""), 404, "no review rev_nope"),
                Arguments.of("a client reloading", h.post("/v1/polity/reload", h.keys.get("client"), ""), 403, "needs admin"),
                Arguments.of("an unknown route", h.get("/v1/nothing-here", h.keys.get("client")), 404, "no route GET /v1/nothing-here"));
    }

    static void expect(HttpResponse<String> r, int status, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").path("message").asText()).contains(message);
        assertThat(body.path("error").has("type")).isTrue();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
