package dev.polity.guard;

import java.util.Locale;

/**
 * What the gateway does with a prompt or an answer, from the least to the most severe: let it through,
 * append a disclosure, remove personal data, hold it for a human reviewer, block it. When several norms
 * ask for different actions the most severe one is taken (and a disclosure or a redaction is still applied
 * under it when the answer goes out).
 */
public enum Action {
    ALLOW,
    DISCLOSE,
    REDACT,
    REVIEW,
    BLOCK;

    /** The spelling in JSON, headers and configuration files: {@code allow}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Action parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    public Action max(Action other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** The answer does not reach the client as it is: blocked, or withheld for review. */
    public boolean holds() {
        return this == BLOCK || this == REVIEW;
    }
}
