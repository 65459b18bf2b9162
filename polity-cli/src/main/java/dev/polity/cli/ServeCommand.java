package dev.polity.cli;

import dev.polity.server.Gateway;
import dev.polity.server.Settings;
import dev.polity.server.app.WebApp;
import dev.polity.server.dashboard.Dashboard;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code polity serve}: the guardrail gateway (docs/GATEWAY.md) until it is stopped. */
@Command(name = "serve", description = "Serve the OpenAI-compatible guardrail gateway in front of an upstream model server (docs/GATEWAY.md),"
        + " and the participation web app and dashboard (docs/APP.md)."
        + " Reloads its configuration and constitutions on SIGHUP and POST /v1/polity/reload.")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, description = "The port to serve on (0: any free one, printed).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The address to serve on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--upstream", paramLabel = "URL", description = "The OpenAI-compatible base URL answers come from, e.g. http://127.0.0.1:8000/v1;"
            + " its key comes from POLITY_UPSTREAM_KEY. Without it only the non-gateway routes are served.")
    String upstream;

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "A SQLite file or a jdbc:postgresql:// URL: the audit log, keys, tenants, reviews.")
    String store;

    @Option(names = "--constitution", paramLabel = "FILE", description = "The default constitution (default: constitutions/starter.yaml).")
    Path constitution;

    @Option(names = "--config", paramLabel = "FILE", description = "The gateway's configuration (schemas/gateway.schema.json; default: the documented defaults).")
    Path config;

    @Option(names = "--reward-model", paramLabel = "MODEL", description = "Also serve POST /get_reward with this reward model (docs/REWARD.md; utilitarian"
            + " over its groups, the context from each request's URL).")
    Path rewardModel;

    @Option(names = "--insecure-cookies", description = "Session cookies without the Secure flag: only for plain-HTTP tests on loopback."
            + " Behind a TLS proxy (docs/APP.md) leave it off.")
    boolean insecureCookies;

    @Override
    public Integer call() throws Exception {
        Path file = constitution != null ? constitution : Home.path("constitutions/starter.yaml");
        Settings.Reward reward = rewardModel == null ? null : new Settings.Reward(rewardModel, "utilitarian", "trained", java.util.Map.of(), null, null, null);
        WebApp app = new WebApp(!insecureCookies);
        Dashboard dashboard = new Dashboard(app);
        Gateway g = Gateway.start(new Settings(host, port, upstream, store, file, config, CommandClock.get(), System::getenv, reward),
                List.of(app, dashboard));
        g.reloadOnHangup();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            g.close();
            app.close();
            dashboard.close();
        }, "polity-stop"));
        spec.commandLine().getErr().println("polity: serving on http://" + host + ":" + g.port()
                + (upstream == null ? " (no upstream: the web app, the dashboard, /health, /metrics and /v1/polity/*)" : " in front of " + upstream)
                + "; organisers sign in at /signin");
        spec.commandLine().getErr().flush();
        g.awaitStop();
        return ExitCode.DONE.code;
    }
}
