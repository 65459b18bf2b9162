package dev.polity.norms;

import java.util.List;

/**
 * What a norm declares about answers that keep or break it: lexicons whose presence is evidence that an
 * answer complies (an AI disclosure for a disclosure duty) or violates (a dose with its unit for a
 * no-dosing rule). The lexicons are resolved when the constitution is loaded.
 */
public record Signals(List<Lexicon> compliesIfPresent, List<Lexicon> violatesIfPresent) {
    public static final Signals NONE = new Signals(List.of(), List.of());

    public Signals {
        compliesIfPresent = compliesIfPresent == null ? List.of() : List.copyOf(compliesIfPresent);
        violatesIfPresent = violatesIfPresent == null ? List.of() : List.copyOf(violatesIfPresent);
    }

    public boolean isEmpty() {
        return compliesIfPresent.isEmpty() && violatesIfPresent.isEmpty();
    }
}
