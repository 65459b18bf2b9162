package dev.polity.choice;

import dev.polity.input.InvalidInputException;

/** A rule declines this profile (too many alternatives for an exact method); the message says why. */
public final class RuleRefusal extends InvalidInputException {
    public RuleRefusal(String message) {
        super(null, message);
    }
}
