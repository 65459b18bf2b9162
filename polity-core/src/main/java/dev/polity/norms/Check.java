package dev.polity.norms;

import java.util.Map;

/** How compliance with a norm is judged: a detector's name and its parameters. */
public record Check(String detector, Map<String, Object> params) {
    public Check {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
