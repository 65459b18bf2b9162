package dev.polity.judge;

import java.util.Locale;

/**
 * What a detector concluded about an answer and one norm. {@code UNCERTAIN} is an answer in its own
 * right, not a failure: the contract between a society and a model is incomplete (DESIGN.md, Judging).
 */
public enum Outcome {
    COMPLIES,
    VIOLATES,
    UNCERTAIN,
    NOT_APPLICABLE;

    /** The spelling used in files and reports: {@code not_applicable}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
