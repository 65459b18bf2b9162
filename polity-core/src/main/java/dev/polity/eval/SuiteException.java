package dev.polity.eval;

import dev.polity.norms.Diagnostic;
import dev.polity.norms.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/** A suite file could not be loaded; carries every error found, each one line with file, line and column. */
public final class SuiteException extends InvalidInputException {
    private final List<Diagnostic> errors;

    public SuiteException(List<Diagnostic> errors) {
        super(errors.get(0).location(), errors.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<Diagnostic> errors() {
        return errors;
    }

    /** One line per error: {@code file:line:column: message}. */
    @Override
    public String oneLine() {
        return getMessage();
    }
}
