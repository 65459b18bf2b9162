package dev.polity.norms;

import java.util.List;
import java.util.stream.Collectors;

/** A constitution could not be loaded; carries every error found, each with its file, line and column. */
public final class ConstitutionException extends RuntimeException {
    private final List<Diagnostic> errors;

    public ConstitutionException(List<Diagnostic> errors) {
        super(errors.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<Diagnostic> errors() {
        return errors;
    }
}
