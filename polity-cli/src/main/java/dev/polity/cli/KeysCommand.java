package dev.polity.cli;

import dev.polity.input.InvalidInputException;
import dev.polity.norms.Jurisdictions;
import dev.polity.store.GatewayStore;
import dev.polity.store.TenantDefaults;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code polity keys create}: an API key for the gateway, printed once. */
@Command(name = "keys", description = "API keys for the gateway.", subcommands = KeysCommand.CreateCommand.class)
public final class KeysCommand extends CommandGroup {

    @Command(name = "create", description = "Make a key bound to a tenant and a role; it is printed once, on the last line of stdout, and stored only as a hash."
            + " --jurisdiction, --domain and --audience become the tenant's context defaults.")
    static final class CreateCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--role", required = true, description = "client, operator (reviews) or admin (reload, everything).")
        String role;

        @Option(names = "--tenant", defaultValue = "default", description = "The tenant the key acts for (default: ${DEFAULT-VALUE}).")
        String tenant;

        @Option(names = "--jurisdiction", description = "The tenant's default jurisdiction, e.g. DE.")
        String jurisdiction;

        @Option(names = "--domain", description = "The tenant's default domain, e.g. healthcare.")
        String domain;

        @Option(names = "--audience", description = "The tenant's default audience, e.g. adult.")
        String audience;

        @Option(names = "--store", required = true, paramLabel = "STORE", description = "A SQLite file or a jdbc:postgresql:// URL, as for serve.")
        String store;

        @Override
        public Integer call() {
            if (jurisdiction != null && !Jurisdictions.standard().isKnown(jurisdiction)) {
                throw new InvalidInputException(null, "--jurisdiction: " + Jurisdictions.standard().explainUnknown(jurisdiction));
            }
            try (GatewayStore s = GatewayStore.open(store, CommandClock.get())) {
                GatewayStore.NewKey k = s.createKey(tenant, role);
                if (jurisdiction != null || domain != null || audience != null) {
                    s.setTenantDefaults(new TenantDefaults(tenant, jurisdiction, domain, audience));
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println("# " + k.stored().id() + " (" + role + ", tenant " + tenant + "); shown once, stored only as its SHA-256:");
                out.println(k.key());
            }
            return ExitCode.DONE.code;
        }
    }
}
