package dev.polity.norms;

import dev.polity.input.Location;
import java.util.List;
import java.util.Map;

/**
 * One norm of a constitution. {@code signals} name the lexicons that are evidence for or against it. {@code provenance} is kept as written (a law, an operator's decision,
 * or a deliberation with its vote counts per opinion group), since its shape depends on who adopted it.
 */
public record Norm(
        String id,
        String statement,
        Kind kind,
        String tier,
        String topic,
        List<String> values,
        Scope scope,
        Source source,
        Effective effective,
        List<String> overrides,
        List<Check> checks,
        Examples examples,
        Signals signals,
        Map<String, Object> provenance,
        Location location) {

    public Norm {
        values = values == null ? List.of() : List.copyOf(values);
        scope = scope == null ? Scope.EVERYWHERE : scope;
        effective = effective == null ? Effective.ALWAYS : effective;
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        checks = checks == null ? List.of() : List.copyOf(checks);
        examples = examples == null ? Examples.NONE : examples;
        signals = signals == null ? Signals.NONE : signals;
        provenance = provenance == null ? Map.of() : provenance;
        location = location == null ? Location.UNKNOWN : location;
    }

    /** A norm that declares no {@link Signals}. */
    public Norm(String id, String statement, Kind kind, String tier, String topic, List<String> values, Scope scope, Source source,
                Effective effective, List<String> overrides, List<Check> checks, Examples examples, Map<String, Object> provenance,
                Location location) {
        this(id, statement, kind, tier, topic, values, scope, source, effective, overrides, checks, examples, Signals.NONE,
                provenance, location);
    }

    /** A norm with only the fields resolution needs; the rest empty. */
    public static Norm of(String id, Kind kind, String tier, String topic, Scope scope, Effective effective, List<String> overrides) {
        return new Norm(id, id, kind, tier, topic, List.of(), scope, null, effective, overrides, List.of(), null, Signals.NONE, Map.of(), null);
    }
}
