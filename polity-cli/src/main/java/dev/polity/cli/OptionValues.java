package dev.polity.cli;

import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;

/** Checks on numeric option values that picocli's types cannot express; each error names its own option. */
final class OptionValues {
    private OptionValues() {
    }

    /** {@code value} of {@code option} when it is at least {@code min}; else a one-line error such as {@code --bootstrap: expected at least 1, found 0}. */
    static long atLeast(String option, long value, long min) {
        if (value < min) {
            throw new InvalidInputException(new Location(option, 0, 0), "expected a whole number of at least " + min + ", found " + value);
        }
        return value;
    }
}
