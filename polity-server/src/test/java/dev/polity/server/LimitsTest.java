package dev.polity.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-key rate limits: a token bucket per key, 429 with Retry-After in OpenAI's shape, other keys unaffected. */
class LimitsTest {
    @TempDir
    Path dir;

    @Test
    void aKeyPastItsBurstIsToldWhenToRetry() throws Exception {
        String config = GatewayHarness.CONFIG.replace("limits: {requests_per_minute: 6000, burst: 1000,", "limits: {requests_per_minute: 1, burst: 2,");
        try (GatewayHarness h = new GatewayHarness(dir, config, null)) {
            h.upstream.answering(p -> "I am an AI. Hello!");
            String key = h.keys.get("client");
            assertThat(h.post("/v1/chat/completions", key, FaultTest.ASK).statusCode()).isEqualTo(200);
            assertThat(h.post("/v1/chat/completions", key, FaultTest.ASK).statusCode()).isEqualTo(200);
            HttpResponse<String> third = h.post("/v1/chat/completions", key, FaultTest.ASK);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(Integer.parseInt(third.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
            assertThat(FaultTest.JSON.readTree(third.body()).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(h.upstream.requests()).isEqualTo(2);
            assertThat(h.post("/v1/chat/completions", h.keys.get("operator"), FaultTest.ASK).statusCode()).isEqualTo(200);
        }
    }
}
