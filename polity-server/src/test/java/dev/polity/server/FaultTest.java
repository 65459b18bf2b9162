package dev.polity.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.model.FakeOpenAiServer.Reply;
import dev.polity.store.AuditRecord;
import dev.polity.store.GatewayStore;
import dev.polity.store.TestPostgres;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway when things around it fail: the upstream, the database, the gateway process itself. */
class FaultTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ASK = "{\"model\": \"fake-model\", \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}";

    @TempDir
    Path dir;

    static void error(HttpResponse<String> r, int status, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).contains(message);
    }

    @Test
    void upstreamDownSlowGarbageOrBrokenGiveOpenAiErrorsAndTheServiceStaysUp() throws Exception {
        try (GatewayHarness h = new GatewayHarness(dir)) {
            String key = h.keys.get("client");
            h.upstream.script(Reply.delayed(Duration.ofSeconds(4), Reply.ok("too late")));
            error(h.post("/v1/chat/completions", key, ASK), 504, "did not answer within 2000 ms");
            h.upstream.script(Reply.malformed("<html>not json</html>"));
            error(h.post("/v1/chat/completions", key, ASK), 502, "not a chat completion");
            h.upstream.script(Reply.broken("I am an AI. This answer is cut off in the middle."));
            HttpResponse<String> broken = h.post("/v1/chat/completions", key, ASK);
            assertThat(broken.statusCode()).isIn(502);
            h.upstream.answering(p -> "I am an AI. Fine.");
            assertThat(h.post("/v1/chat/completions", key, ASK).statusCode()).isEqualTo(200);
            h.upstream.close();
            error(h.post("/v1/chat/completions", key, ASK), 502, "cannot be reached");
            assertThat(h.get("/health", null).statusCode()).isEqualTo(200);
            assertThat(h.get("/metrics", null).body()).contains("polity_upstream_errors_total{kind=\"upstream_timeout\"} 1.0")
                    .contains("polity_upstream_errors_total{kind=\"upstream_unavailable\"}");
        }
    }

    @Test
    void aStreamThatBreaksEndsWithAnErrorEventAndIsRecorded() throws Exception {
        try (GatewayHarness h = new GatewayHarness(dir)) {
            h.upstream.script(Reply.broken("I am an AI. This streamed answer is cut off somewhere in the middle, sadly."));
            HttpResponse<String> r = h.post("/v1/chat/completions", h.keys.get("client"), ASK.replace("{\"model\"", "{\"stream\": true, \"model\""));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"polity\":").contains("upstream_stream_broken").doesNotContain("[DONE]");
            List<String> notes = new ArrayList<>();
            try (GatewayStore s = GatewayStore.open(h.store, Clock.systemUTC())) {
                s.export(null, null, a -> notes.add(a.record()));
            }
            assertThat(String.join("\n", notes)).contains("the upstream stream");
        }
    }

    /** PostgreSQL behind a proxy that the test cuts: law-tier exchanges fail closed, others are served and recorded later. */
    @Test
    void theDatabaseGoesAwayAndComesBack() throws Exception {
        String url = TestPostgres.freshSchema();
        URI u = URI.create(url.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(u.getHost(), u.getPort())) {
            String viaProxy = url.replace(":" + u.getPort() + "/", ":" + proxy.port() + "/") + "&connectTimeout=2&socketTimeout=5";
            try (GatewayHarness h = new GatewayHarness(dir, GatewayHarness.CONFIG, viaProxy)) {
                String key = h.keys.get("client");
                h.upstream.answering(p -> "I am an AI. Hello!");
                assertThat(h.post("/v1/chat/completions", key, ASK).headers().firstValue("X-Polity-Audit-Id").orElseThrow()).matches("\\d+");
                proxy.cut();
                // DE: the EU disclosure norm (law) concerns the exchange: it cannot be recorded, so it is held
                HttpResponse<String> law = h.post("/v1/chat/completions", key, ASK);
                assertThat(law.statusCode()).isEqualTo(200);
                assertThat(law.headers().firstValue("X-Polity-Decision")).contains("block");
                assertThat(law.headers().firstValue("X-Polity-Fail-Mode")).contains("closed");
                assertThat(law.body()).contains("audit log cannot be written").doesNotContain("Hello!");
                // US-CA: no law-tier norm of this constitution is decided there: served, recorded later
                HttpResponse<String> other = h.post("/v1/chat/completions", key, ASK, "X-Polity-Jurisdiction", "US-CA");
                assertThat(other.body()).contains("Hello!");
                assertThat(other.headers().firstValue("X-Polity-Audit-Id")).contains("deferred");
                HttpResponse<String> health = h.get("/health", null);
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"audit\":\"unavailable\"");
                proxy.restore();
                HttpResponse<String> back = null;
                for (int i = 0; i < 100; i++) {
                    back = h.post("/v1/chat/completions", key, ASK);
                    if (back.headers().firstValue("X-Polity-Audit-Id").orElse("").matches("\\d+")) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertThat(back.body()).contains("Hello!");
                for (int i = 0; i < 100 && h.get("/health", null).body().contains("\"audit_deferred\":0") == false; i++) {
                    Thread.sleep(100);
                }
                GatewayStore.Verification v = h.verify();
                assertThat(v.intact()).isTrue();
                List<String> actions = new ArrayList<>();
                try (GatewayStore s = GatewayStore.open(h.store, Clock.systemUTC())) {
                    s.export(null, null, a -> actions.add(a.kind() + ":" + a.record().contains("audit log could not be written")));
                }
                assertThat(actions).contains("decision:true");
            }
        }
    }

    /** kill -9 under load, then a restart: the chain verifies and every answer that came back has its record. */
    @Test
    void killedUnderLoadEveryAnsweredRequestHasItsRecord() throws Exception {
        try (GatewayHarness h = new GatewayHarness(dir, GatewayHarness.CONFIG, null, false)) {
            h.upstream.answering(p -> "I am an AI. Answer to " + p);
            GatewayProcess.Started first = GatewayProcess.start(h, "first");
            h.port = first.port();
            Map<String, String> answered = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService load = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                int thread = t;
                load.submit(() -> {
                    for (int i = 0; i < 2000 && !stop.get(); i++) {
                        try {
                            HttpResponse<String> r = h.post("/v1/chat/completions", h.keys.get("client"),
                                    ASK.replace("hello", "hello " + thread + "-" + i));
                            r.headers().firstValue("X-Polity-Audit-Id").ifPresent(id -> answered.put(id, r.body()));
                        } catch (RuntimeException cut) {
                            return;
                        }
                    }
                });
            }
            while (answered.size() < 150) {
                Thread.sleep(20);
            }
            first.process().destroyForcibly();
            first.process().waitFor(10, TimeUnit.SECONDS);
            stop.set(true);
            load.shutdown();
            load.awaitTermination(30, TimeUnit.SECONDS);
            GatewayProcess.Started second = GatewayProcess.start(h, "second");
            h.port = second.port();
            try {
                assertThat(h.post("/v1/chat/completions", h.keys.get("client"), ASK).statusCode()).isEqualTo(200);
                GatewayStore.Verification v = h.verify();
                assertThat(v.intact()).as(String.valueOf(v.problem())).isTrue();
                Map<String, AuditRecord> byId = new HashMap<>();
                try (GatewayStore s = GatewayStore.open(h.store, Clock.systemUTC())) {
                    s.export(null, null, a -> byId.put(String.valueOf(a.id()), a));
                }
                for (Map.Entry<String, String> e : answered.entrySet()) {
                    AuditRecord a = byId.get(e.getKey());
                    assertThat(a).as("audit record " + e.getKey()).isNotNull();
                    JsonNode record = JSON.readTree(a.record());
                    assertThat(record.path("response_sha256").asText()).isEqualTo(GatewayStore.sha256(e.getValue()));
                }
            } finally {
                second.process().destroy();
                second.process().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
