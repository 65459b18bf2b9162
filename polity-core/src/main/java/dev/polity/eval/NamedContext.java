package dev.polity.eval;

import dev.polity.input.Location;
import dev.polity.norms.Context;
import java.util.Objects;

/**
 * A context a suite names, e.g. {@code de-clinic}: jurisdiction, domain, audience and date, and where the
 * suite wrote its jurisdiction (so that an unknown one is reported there once the constitution is loaded).
 */
public record NamedContext(String name, Context context, Location location) {
    public NamedContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(location, "location");
    }

    /** A context not read from a file. */
    public NamedContext(String name, Context context) {
        this(name, context, Location.UNKNOWN);
    }
}
