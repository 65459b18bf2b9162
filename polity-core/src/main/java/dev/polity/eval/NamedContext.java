package dev.polity.eval;

import dev.polity.norms.Context;
import java.util.Objects;

/** A context a suite names, e.g. {@code de-clinic}: jurisdiction, domain, audience and date. */
public record NamedContext(String name, Context context) {
    public NamedContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
    }
}
