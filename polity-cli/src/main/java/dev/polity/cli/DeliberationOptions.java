package dev.polity.cli;

import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.PolisExport;
import dev.polity.input.InvalidInputException;
import java.util.Set;
import picocli.CommandLine.Option;

/** The analysis options every deliberation command shares ('deliberate', 'deliberate promote', 'spark deliberate' and 'bridge'). */
public final class DeliberationOptions {
    @Option(names = "--meta", paramLabel = "IDS", description = "Meta statements (e.g. demographic questions) to leave out of the analysis: 1,4-14.")
    String meta;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for k-means++ and the factorisation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-votes", defaultValue = "7", description = "Votes a participant needs to be clustered (default: ${DEFAULT-VALUE}, capped at the number of statements).")
    int minVotes;

    /** The statements named as meta. */
    public Set<String> metaIds() {
        return PolisExport.parseIds(meta);
    }

    /** The analysis options (Polis's defaults for the rest); a --min-votes below 1 is the user's error. */
    public Deliberation.Options options(boolean bridging) {
        if (minVotes < 1) {
            throw new InvalidInputException(null, "--min-votes: expected a positive number, got " + minVotes);
        }
        Deliberation.Options d = Deliberation.Options.DEFAULTS;
        return new Deliberation.Options(seed, d.restarts(), d.baseK(), d.maxGroups(), minVotes, bridging);
    }
}
