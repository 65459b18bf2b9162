package dev.polity.norms;

import java.time.LocalDate;

/**
 * A setting a model answers in: where (a jurisdiction code), in which domain, for which audience, on
 * which date. A missing domain or audience means "not a named one": only norms scoped to {@code *} apply.
 */
public record Context(String jurisdiction, String domain, String audience, LocalDate date) {
    public Context {
        if (jurisdiction == null || jurisdiction.isBlank()) {
            throw new IllegalArgumentException("a context needs a jurisdiction");
        }
        if (date == null) {
            // no default of today: the caller's clock decides, so that output does not change with the day it runs
            throw new IllegalArgumentException("a context needs a date");
        }
        domain = blankToNull(domain);
        audience = blankToNull(audience);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals(Scope.ALL) ? null : s;
    }

    @Override
    public String toString() {
        return jurisdiction + "/" + (domain == null ? "*" : domain) + "/" + (audience == null ? "*" : audience) + "@" + date;
    }
}
