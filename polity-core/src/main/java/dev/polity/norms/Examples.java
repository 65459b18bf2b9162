package dev.polity.norms;

import java.util.List;

/** Answers that comply with and that violate a norm; used by detectors and tests. */
public record Examples(List<String> compliant, List<String> violating) {
    public static final Examples NONE = new Examples(List.of(), List.of());

    public Examples {
        compliant = compliant == null ? List.of() : List.copyOf(compliant);
        violating = violating == null ? List.of() : List.copyOf(violating);
    }
}
