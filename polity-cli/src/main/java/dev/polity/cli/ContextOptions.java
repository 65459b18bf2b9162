package dev.polity.cli;

import dev.polity.guard.Guard;
import dev.polity.input.Diagnostic;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.norms.Context;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options that name a context besides its jurisdiction, shared by the commands that take one (a picocli mixin). */
final class ContextOptions {
    private static final Set<String> FIELDS = Set.of("jurisdiction", "domain", "audience");

    @Option(names = "--domain", description = "e.g. healthcare; omit for no named domain.")
    String domain;

    @Option(names = "--audience", description = "e.g. minor; omit for no named audience.")
    String audience;

    @Option(names = "--date", description = "YYYY-MM-DD (default: today).")
    String date;

    /**
     * The context these options and {@code jurisdiction} name, checked by the guard; its errors name the options
     * (--jurisdiction, --domain, --audience), not the request fields of the same names the guard reports.
     */
    Context context(Guard guard, String jurisdiction) {
        try {
            return guard.context(jurisdiction, domain, audience, CommandClock.date("--date", date));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.errors().stream().map(d -> FIELDS.contains(d.location().file())
                    ? new Diagnostic(new Location("--" + d.location().file(), 0, 0), d.severity(), d.message()) : d).toList());
        }
    }
}
