package dev.polity.server;

import dev.polity.guard.GuardFixtures;
import dev.polity.model.FakeOpenAiServer;
import dev.polity.store.GatewayStore;
import dev.polity.store.TenantDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A gateway on 127.0.0.1 in front of a fake upstream, over the guard tests' constitution (GuardFixtures), with
 * the rules detector only, and one key per role for the tenant {@code acme} (context defaults DE/general).
 */
final class GatewayHarness implements AutoCloseable {
    static final String CONFIG = """
            enforcement:
              actions: {law: block, regulation: block, operator: redact, community: allow, user: allow}
              norms:
                - {match: "topic:ai-disclosure.*", action: disclose}
                - {match: operator.no-shouting, action: review}
              input_norms: [operator.no-contact]
            judge: {detectors: [rules]}
            streaming: {window_chars: 8, holdback_chars: 12}
            limits: {requests_per_minute: 6000, burst: 1000, max_body_bytes: 65536, upstream_timeout_seconds: 2}
            """;

    final FakeOpenAiServer upstream;
    final Path dir;
    final Path constitution;
    final Path config;
    final String store;
    final Map<String, String> keys = new HashMap<>();
    Gateway gateway;
    final HttpClient http = HttpClient.newHttpClient();

    GatewayHarness(Path dir) {
        this(dir, CONFIG, null);
    }

    GatewayHarness(Path dir, String config, String storeLocation) {
        this(dir, config, storeLocation, true);
    }

    /** @param inProcess start a gateway in this JVM (else the test starts {@link GatewayProcess}es) */
    GatewayHarness(Path dir, String config, String storeLocation, boolean inProcess) {
        try {
            this.dir = dir;
            this.upstream = FakeOpenAiServer.start();
            this.constitution = dir.resolve("constitution.yaml");
            Files.writeString(constitution, GuardFixtures.YAML);
            this.config = dir.resolve("gateway.yaml");
            Files.writeString(this.config, config);
            this.store = storeLocation != null ? storeLocation : dir.resolve("gateway.db").toString();
            try (GatewayStore s = GatewayStore.open(store, Clock.systemUTC())) {
                for (String role : GatewayStore.ROLES) {
                    keys.put(role, s.createKey("acme", role).key());
                }
                keys.put("other-operator", s.createKey("other", "operator").key());
                s.setTenantDefaults(new TenantDefaults("acme", "DE", "general", null));
            }
            if (inProcess) {
                start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start() {
        gateway = Gateway.start(new Settings("127.0.0.1", 0, upstream.baseUrl(), store, constitution, config, Clock.systemUTC(),
                name -> null));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + gateway.port() + "/v1";
    }

    String root() {
        return "http://127.0.0.1:" + (port > 0 ? port : gateway.port());
    }

    /** Talk to a gateway process on this port instead of the in-process one. */
    int port;

    HttpResponse<String> post(String path, String key, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    HttpResponse<String> postBytes(String path, String key, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(root() + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key).build());
    }

    HttpResponse<String> get(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root() + path)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    GatewayStore.Verification verify() {
        try (GatewayStore s = GatewayStore.open(store, Clock.systemUTC())) {
            return s.verify();
        }
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }
}
