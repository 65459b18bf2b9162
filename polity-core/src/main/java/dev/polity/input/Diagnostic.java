package dev.polity.input;

/**
 * One finding about an input (a constitution, a suite, a CSV file, an option), printed as
 * {@code FILE:LINE:COLUMN: [severity: ]message}, or just the message when it has no place.
 */
public record Diagnostic(Location location, Severity severity, String message) {

    public enum Severity { ERROR, WARNING, INFO }

    /** One line whatever the input held: a line break quoted from a file or an option is shown as \n or \r. */
    public Diagnostic {
        message = message == null ? "" : message.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** In the order a reader meets them in one file: by line, then column. */
    public static final java.util.Comparator<Diagnostic> BY_PLACE = java.util.Comparator.comparingInt((Diagnostic d) -> d.location().line())
            .thenComparingInt(d -> d.location().column());

    public static Diagnostic error(Location at, String message) {
        return new Diagnostic(at, Severity.ERROR, message);
    }

    public static Diagnostic warning(Location at, String message) {
        return new Diagnostic(at, Severity.WARNING, message);
    }

    public static Diagnostic info(Location at, String message) {
        return new Diagnostic(at, Severity.INFO, message);
    }

    @Override
    public String toString() {
        String prefix = switch (severity) {
            case ERROR -> "";
            case WARNING -> "warning: ";
            case INFO -> "note: ";
        };
        if (location == null || location == Location.UNKNOWN) {
            return prefix + message;
        }
        return location + ": " + prefix + message;
    }
}
