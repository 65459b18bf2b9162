package dev.polity.input;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input a user supplied (a file, a column, an option, a request field) that cannot be used. It carries
 * every problem found, each a {@link Diagnostic} naming where it is and what was expected, so a reader
 * can report all the errors of a file at once; commands print them one per line, without a stack trace.
 * This is the one user-facing error type of every reader (constitutions, suites, CSV, Polis exports,
 * model specs, options).
 */
public class InvalidInputException extends RuntimeException {
    private final List<Diagnostic> errors;

    /** One problem at one place; {@code location} may be null when the input has no file (an option). */
    public InvalidInputException(Location location, String message) {
        this(List.of(Diagnostic.error(location == null ? Location.UNKNOWN : location, message)), message);
    }

    public InvalidInputException(String file, int line, String message) {
        this(new Location(file, line, 0), message);
    }

    /** Every problem found in one input, in the order they were found; at least one. */
    public InvalidInputException(List<Diagnostic> errors) {
        this(errors, errors.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    }

    private InvalidInputException(List<Diagnostic> errors, String message) {
        super(message);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an input error needs at least one diagnostic");
        }
        this.errors = List.copyOf(errors);
    }

    /** Where the first problem is. */
    public Location location() {
        return errors.get(0).location();
    }

    /** Every problem found, each with its place. */
    public List<Diagnostic> errors() {
        return errors;
    }

    /**
     * The same problems, each one without a place now placed in {@code file}: for the caller of a computation
     * that knows which file the data it refused came from.
     */
    public InvalidInputException in(String file) {
        return new InvalidInputException(errors.stream().map(d -> d.location() == Location.UNKNOWN
                ? new Diagnostic(new Location(file, 0, 0), d.severity(), d.message()) : d).toList());
    }

    /** {@code file:line[:column]: message} per problem, one line each; just the message when there is no place. */
    public String oneLine() {
        return errors.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }
}
