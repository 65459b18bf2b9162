package dev.polity.guard;

import java.util.Locale;

/**
 * How an uncertain verdict was treated. Closed: a law- or regulation-tier norm (the configured tiers)
 * whose applicability to the exchange is established could not be decided, so the answer is held. Open:
 * the norm is of a lower tier, or whether it concerns the exchange at all is itself undecided, so the
 * answer goes on and the record says so.
 */
public enum FailMode {
    OPEN,
    CLOSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
