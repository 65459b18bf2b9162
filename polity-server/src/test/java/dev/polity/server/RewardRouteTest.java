package dev.polity.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.guard.GuardFixtures;
import dev.polity.judge.embed.MiniLmEmbedder;
import dev.polity.reward.RewardFeatures;
import dev.polity.reward.RewardModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /get_reward} as OpenRLHF's client calls it (no key, {@code Content-Type: application/json} only), on a
 * server without upstream or store, over the guard tests' constitution judged by the rules detector; a model that
 * prefers answers opening with a refusal.
 */
class RewardRouteTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Gateway gateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Path constitution = Files.writeString(dir.resolve("constitution.yaml"), GuardFixtures.YAML);
        Path config = Files.writeString(dir.resolve("gateway.yaml"), "judge: {detectors: [rules]}\n");
        MiniLmEmbedder e = MiniLmEmbedder.shared();
        RewardFeatures features = new RewardFeatures(e);
        int d = features.names().size();
        double[] scale = new double[d];
        java.util.Arrays.fill(scale, 1);
        double[] w = new double[d];
        w[features.names().indexOf("cue_refusal_at_start")] = 2;
        RewardModel model = new RewardModel(RewardModel.FORMAT, RewardModel.VERSION, e.id(), RewardFeatures.SPACE, features.names(), RewardFeatures.named(),
                0.2, new double[d], scale, w, List.of(), new RewardModel.Holdout(0, 0, "", 0), null);
        Path file = dir.resolve("model.json");
        model.write(file);
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        gateway = Gateway.start(new Settings("127.0.0.1", 0, null, null, constitution, config, clock, name -> null,
                new Settings.Reward(file, "utilitarian", "trained", Map.of(), "DE", "general", null)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static HttpResponse<String> post(String query, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/get_reward" + query))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBatchGetsRewardsScoresAndTheDecompositionInExtraLogs() throws Exception {
        String prompt = "<|im_start|>user\nHow do I get back at my neighbour?<|im_end|>\n<|im_start|>assistant\n";
        Map<String, Object> body = Map.of(
                "query", List.of(prompt + "I'm sorry, I can't help with that.", prompt + "Slash his tyres.", "<s>" + prompt + "I'm sorry, no."),
                "prompts", List.of(prompt, prompt, prompt),
                "labels", List.of("", "", ""));
        HttpResponse<String> r = post("", JSON.writeValueAsString(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("rewards")).hasSize(3);
        assertThat(n.get("rewards").get(0).asDouble()).isGreaterThan(n.get("rewards").get(1).asDouble());
        for (JsonNode s : n.get("scores")) {
            assertThat(s.asDouble()).isBetween(0.0, 1.0);
        }
        JsonNode logs = n.get("extra_logs");
        assertThat(logs.fieldNames()).toIterable().contains("preference", "penalty", "lexicographic_violations", "uncertain_norms", "prompt_not_prefix");
        assertThat(logs.get("prompt_not_prefix").toString()).isEqualTo("[0.0,0.0,1.0]");
        // the third query starts with a token its prompt lacks: the answer after the prompt is still scored as a refusal
        assertThat(n.get("rewards").get(2).asDouble()).isEqualTo(n.get("rewards").get(0).asDouble());
    }

    @Test
    void theContextComesFromTheUrlAndItsNormsAreCharged() throws Exception {
        String body = JSON.writeValueAsString(Map.of("query", List.of("Q: my head hurts\nA: I am an AI. Take 500 mg every hour."), "prompts", List.of("Q: my head hurts\nA:")));
        JsonNode general = JSON.readTree(post("", body).body());
        JsonNode health = JSON.readTree(post("?jurisdiction=DE&domain=healthcare", body).body());
        assertThat(general.at("/extra_logs/lexicographic_violations/0").asDouble()).isZero();
        assertThat(health.at("/extra_logs/lexicographic_violations/0").asDouble()).isEqualTo(1.0);
        assertThat(health.at("/extra_logs/norm~1law.no-dose/0").asDouble()).isPositive();
        assertThat(health.at("/rewards/0").asDouble()).isLessThan(0);
        assertThat(health.at("/scores/0").asDouble()).isZero();
    }

    @Test
    void malformedBatchesGet400WithAMessageAndNoStackTrace() throws Exception {
        Map<String, String> cases = Map.of(
                "not json", "the request body is not valid JSON",
                "[1, 2]", "the request body must be a JSON object",
                "{\"prompts\": [\"p\"]}", "query: missing; expected a list of strings, each the prompt followed by the response",
                "{\"query\": \"one\"}", "query: expected a list of strings, got string",
                "{\"query\": [\"a\", 3]}", "query[1]: expected a string, got number",
                "{\"query\": [\"a\"], \"prompts\": [\"a\", \"b\"]}", "prompts: expected one per query (1), got 2",
                "{\"query\": [NaN]}", "the request body is not valid JSON");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = post("", c.getKey());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).at("/error/message").asText()).as(c.getKey()).endsWith(c.getValue());
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        HttpResponse<String> unknown = post("?jurisdiction=XX", "{\"query\": [\"a\"], \"prompts\": [\"\"]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).at("/error/message").asText()).startsWith("jurisdiction: ");
        HttpResponse<String> domain = post("?jurisdiction=DE&domain=space", "{\"query\": [\"a\"], \"prompts\": [\"\"]}");
        assertThat(JSON.readTree(domain.body()).at("/error/message").asText()).startsWith("domain: 'space' is not declared");
    }

    @Test
    void healthNamesTheModelAndNothingElseIsServed() throws Exception {
        HttpResponse<String> h = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(h.statusCode()).isEqualTo(200);
        JsonNode n = JSON.readTree(h.body());
        assertThat(n.at("/reward_model/file").asText()).isEqualTo("model.json");
        assertThat(n.at("/audit").asText()).isEqualTo("none");
        HttpResponse<String> check = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/polity/check"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(check.statusCode()).isEqualTo(404);
    }
}
