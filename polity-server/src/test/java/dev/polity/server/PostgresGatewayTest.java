package dev.polity.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.store.GatewayStore;
import dev.polity.store.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two gateway processes writing one audit chain in one PostgreSQL database at the same time. */
class PostgresGatewayTest {
    @TempDir
    Path dir;

    @Test
    void twoGatewaysKeepOneValidChain() throws Exception {
        String url = TestPostgres.freshSchema();
        try (GatewayHarness h = new GatewayHarness(dir, GatewayHarness.CONFIG, url, false)) {
            h.upstream.answering(p -> "I am an AI. Answer to " + p);
            GatewayProcess.Started a = GatewayProcess.start(h, "a");
            GatewayProcess.Started b = GatewayProcess.start(h, "b");
            try {
                Set<String> ids = ConcurrentHashMap.newKeySet();
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int port = t % 2 == 0 ? a.port() : b.port();
                    int thread = t;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 40; i++) {
                            HttpResponse<String> r = h.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                    "http://127.0.0.1:" + port + "/v1/chat/completions")).header("Authorization", "Bearer " + h.keys.get("client"))
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(FaultTest.ASK.replace("hello", "hi " + thread + "-" + i))).build());
                            assertThat(r.statusCode()).isEqualTo(200);
                            ids.add(r.headers().firstValue("X-Polity-Audit-Id").orElseThrow());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
                pool.shutdown();
                assertThat(ids).hasSize(320);
                try (GatewayStore s = GatewayStore.open(url, Clock.systemUTC())) {
                    GatewayStore.Verification v = s.verify();
                    assertThat(v.intact()).as(String.valueOf(v.problem())).isTrue();
                    assertThat(v.records()).isEqualTo(320 + 2); // and each process's start record
                }
            } finally {
                a.process().destroy();
                b.process().destroy();
                a.process().waitFor(10, TimeUnit.SECONDS);
                b.process().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
