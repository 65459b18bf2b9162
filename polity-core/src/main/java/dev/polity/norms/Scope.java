package dev.polity.norms;

import java.util.List;

/**
 * Where a norm applies: jurisdiction codes (ISO 3166-1/-2 or groupings), domains and audiences.
 * {@code *} stands for all; an empty or missing list is read as {@code *}.
 */
public record Scope(List<String> jurisdictions, List<String> domains, List<String> audiences) {
    public static final String ALL = "*";
    public static final Scope EVERYWHERE = new Scope(List.of(ALL), List.of(ALL), List.of(ALL));

    public Scope {
        jurisdictions = normalise(jurisdictions);
        domains = normalise(domains);
        audiences = normalise(audiences);
    }

    private static List<String> normalise(List<String> xs) {
        return xs == null || xs.isEmpty() ? List.of(ALL) : List.copyOf(xs);
    }

    /**
     * Specificity of a domain or audience list for a value: 1 when it names the value, 0 when it
     * covers it through {@code *}, -1 when it does not cover it.
     */
    static int facetSpecificity(List<String> facet, String value) {
        if (value != null && facet.contains(value)) {
            return 1;
        }
        return facet.contains(ALL) ? 0 : -1;
    }
}
