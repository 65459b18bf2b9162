package dev.polity.cli;

import dev.polity.server.Gateway;
import dev.polity.server.Settings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code polity reward serve}: the server of {@code polity serve} with only {@code POST /get_reward}, {@code GET /health}
 * and {@code GET /metrics} (no upstream, no store), until it is stopped.
 */
@Command(name = "serve", description = "Serve OpenRLHF's remote reward protocol, POST /get_reward (docs/REWARD.md), with GET /health (200 once the model is"
        + " loaded) and GET /metrics; the context comes from the URL (?jurisdiction=DE&domain=healthcare) or these options.")
public final class RewardServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RewardModelOption model;

    @Mixin
    RewardOptions reward;

    @Option(names = "--port", required = true, description = "The port to serve on (0: any free one, printed).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The address to serve on (default: ${DEFAULT-VALUE}).")
    String host;

    @Override
    public Integer call() throws Exception {
        if (reward.jurisdiction == null && (reward.where.domain != null || reward.where.audience != null)) {
            throw new dev.polity.input.InvalidInputException(null, "--jurisdiction: needed with --domain or --audience (the default context)");
        }
        if (reward.where.date != null) {
            throw new dev.polity.input.InvalidInputException(null, "--date: the server judges each request on the day it arrives");
        }
        Main.of(spec).doing("loading " + model.file);
        Settings.Reward r = new Settings.Reward(model.file, reward.welfare, reward.groupWeights, reward.penalties(), reward.jurisdiction,
                reward.where.domain, reward.where.audience);
        Gateway g = Gateway.start(new Settings(host, port, null, null, reward.constitutionFile(), reward.config, CommandClock.get(), System::getenv, r));
        g.reloadOnHangup();
        Runtime.getRuntime().addShutdownHook(new Thread(g::close, "polity-stop"));
        spec.commandLine().getErr().println("polity: serving POST /get_reward on http://" + host + ":" + g.port()
                + (reward.jurisdiction == null ? " (no default context: norm penalties only for requests that name one)"
                : " (default context " + reward.jurisdiction + (reward.where.domain == null ? "" : "/" + reward.where.domain) + ")"));
        spec.commandLine().getErr().flush();
        g.awaitStop();
        return ExitCode.DONE.code;
    }
}
