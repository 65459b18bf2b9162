package dev.polity.norms;

import java.util.Locale;

/**
 * The deontic modality of a norm. Obligations, recommendations and permissions point one way
 * (towards doing), prohibitions and discouragements the other; two norms on one topic whose
 * polarities differ are in conflict (von Wright 1951, "Deontic Logic": permission to do p is
 * incompatible with the prohibition of p).
 */
public enum Kind {
    MUST(+1, true),
    MUST_NOT(-1, true),
    SHOULD(+1, false),
    SHOULD_NOT(-1, false),
    MAY(+1, false);

    private final int polarity;
    private final boolean binding;

    Kind(int polarity, boolean binding) {
        this.polarity = polarity;
        this.binding = binding;
    }

    public int polarity() {
        return polarity;
    }

    /** must / must_not: a violation is a breach, not a shortfall. */
    public boolean binding() {
        return binding;
    }

    public boolean conflictsWith(Kind other) {
        return polarity != other.polarity;
    }

    /** The spelling used in YAML and JSON: {@code must_not}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
