package dev.polity.cli;

import dev.polity.server.Gateway;
import dev.polity.server.Settings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code polity serve}: the guardrail gateway (docs/GATEWAY.md) until it is stopped. */
@Command(name = "serve", description = "Serve the OpenAI-compatible guardrail gateway in front of an upstream model server (docs/GATEWAY.md)."
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

    @Override
    public Integer call() throws Exception {
        Path file = constitution != null ? constitution : Home.path("constitutions/starter.yaml");
        Gateway g = Gateway.start(new Settings(host, port, upstream, store, file, config, CommandClock.get(), System::getenv));
        g.reloadOnHangup();
        Runtime.getRuntime().addShutdownHook(new Thread(g::close, "polity-stop"));
        spec.commandLine().getErr().println("polity: serving on http://" + host + ":" + g.port()
                + (upstream == null ? " (no upstream: only /health, /metrics and /v1/polity/*)" : " in front of " + upstream));
        spec.commandLine().getErr().flush();
        g.awaitStop();
        return ExitCode.DONE.code;
    }
}
