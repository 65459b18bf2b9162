package dev.polity.norms;

/** Where a norm comes from: its type (law, regulation, standard, policy, deliberation, ...), a citation and a link. */
public record Source(String type, String citation, String url) {
}
