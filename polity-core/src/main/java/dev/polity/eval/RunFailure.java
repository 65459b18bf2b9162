package dev.polity.eval;

/**
 * An item a run could not answer: which one, from which model, and why (one line, no secrets).
 *
 * @param item      the item's key ({@code case/context/probe/variant/turn})
 * @param transient whether a later {@code polity eval resume} may succeed
 */
public record RunFailure(String item, String model, String message, boolean transientFailure) {
}
