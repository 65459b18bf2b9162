package dev.polity.norms;

import java.time.LocalDate;

/** The period a norm is in force: from (inclusive) until (exclusive); either end may be open. */
public record Effective(LocalDate from, LocalDate until) {
    public static final Effective ALWAYS = new Effective(null, null);

    public boolean inForceOn(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (until == null || date.isBefore(until));
    }
}
