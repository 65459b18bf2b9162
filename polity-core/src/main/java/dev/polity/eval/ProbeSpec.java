package dev.polity.eval;

import dev.polity.input.Location;
import java.util.Map;

/** A probe a suite asks for, by name, with its parameters as written. */
record ProbeSpec(String name, Map<String, Object> params, Location location) {
    public ProbeSpec {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        location = location == null ? Location.UNKNOWN : location;
    }
}
