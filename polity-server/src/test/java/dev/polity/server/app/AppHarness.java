package dev.polity.server.app;

import dev.polity.server.Gateway;
import dev.polity.server.Settings;
import dev.polity.server.dashboard.Dashboard;
import dev.polity.store.DeliberationStore;
import dev.polity.store.GatewayStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The web app and dashboard served in-process on 127.0.0.1 (a free port) without an upstream, over the starter
 * constitution with the rules detector only, a SQLite store in {@code dir} (or the given store), plain-HTTP
 * cookies, and one key per role.
 */
final class AppHarness implements AutoCloseable {
    static final Path REPO = Path.of(System.getProperty("polity.repo", "..")).toAbsolutePath().normalize();
    final String store;
    final String operatorKey;
    final String clientKey;
    final Gateway gateway;
    final WebApp app;
    final Dashboard dashboard;
    /** The test's own handle on the store, to seed deliberations and check what was stored. */
    final DeliberationStore deliberations;

    AppHarness(Path dir) {
        this(dir, dir.resolve("app.db").toString());
    }

    AppHarness(Path dir, String store) {
        this(dir, store, false);
    }

    /** @param secureCookies as a server behind TLS sets them */
    AppHarness(Path dir, String store, boolean secureCookies) {
        try {
            this.store = store;
            Path config = dir.resolve("gateway.yaml");
            Files.writeString(config, "judge: {detectors: [rules]}\n");
            try (GatewayStore s = GatewayStore.open(store, Clock.systemUTC())) {
                operatorKey = s.createKey("acme", "operator").key();
                clientKey = s.createKey("acme", "client").key();
            }
            app = new WebApp(secureCookies);
            dashboard = new Dashboard(app);
            gateway = Gateway.start(new Settings("127.0.0.1", 0, null, store, REPO.resolve("constitutions/starter.yaml"), config,
                    Clock.systemUTC(), name -> null), List.of(app, dashboard));
            deliberations = DeliberationStore.open(store, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String root() {
        return "http://127.0.0.1:" + gateway.port();
    }

    @Override
    public void close() {
        gateway.close();
        app.close();
        dashboard.close();
        deliberations.close();
    }
}
