package dev.polity.norms;

/**
 * Input a user supplied (a file, a column, an option) that cannot be used. The message is one line that
 * names where the problem is and what was expected; commands print it without a stack trace.
 */
public class InvalidInputException extends RuntimeException {
    private final Location location;

    public InvalidInputException(Location location, String message) {
        super(message);
        this.location = location;
    }

    public InvalidInputException(String file, int line, String message) {
        this(new Location(file, line, 0), message);
    }

    public Location location() {
        return location;
    }

    /** {@code file:line[:column]: message}, or just the message when there is no location. */
    public String oneLine() {
        if (location == null || location == Location.UNKNOWN) {
            return getMessage();
        }
        String where = location.file() + (location.line() > 0 ? ":" + location.line() : "")
                + (location.column() > 0 ? ":" + location.column() : "");
        return where + ": " + getMessage();
    }
}
