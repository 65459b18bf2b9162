package dev.polity.eval;

import dev.polity.stats.Bootstrap;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows about one run: which suite, the run's provenance (as the runner records it:
 * run id, constitution and suite digests, models, settings, Polity version), the judged items, their
 * metrics and the gate.
 */
public record Results(String suite, Map<String, Object> provenance, List<JudgedItem> items, Metrics metrics, Gate.Result gate) {
    public Results {
        provenance = provenance == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        items = List.copyOf(items);
    }

    /** Metrics and gate of {@code items}, with the default bootstrap (2000 replicates, the given seed). */
    public static Results of(String suite, Map<String, Object> provenance, List<JudgedItem> items, Thresholds thresholds, long seed) {
        Metrics m = Metrics.of(items, new Bootstrap(Bootstrap.DEFAULT_REPLICATES, seed));
        return new Results(suite, provenance, items, m, Gate.check(m, thresholds));
    }
}
