package dev.polity.norms;

import dev.polity.input.Location;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named list of phrases and patterns, per language, that carry one meaning in an answer (for example
 * {@code ai-self-disclosure}: "I am an AI", "ich bin ein KI-Assistent", "je suis une IA"). Defined once in
 * a constitution's {@code lexicons:} and referenced by norms' {@link Signals}, so that a new norm reuses
 * it. Phrases match whole words in any case; patterns are Java regular expressions matched in any case.
 *
 * @param phrases  language code (ISO 639-1, or {@code any}) to phrases
 * @param patterns language code to regular expressions
 */
public record Lexicon(String name, String meaning, Map<String, List<String>> phrases, Map<String, List<String>> patterns,
                      Location location) {
    public Lexicon {
        phrases = copy(phrases);
        patterns = copy(patterns);
        location = location == null ? Location.UNKNOWN : location;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        TreeMap<String, List<String>> out = new TreeMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The languages it has phrases or patterns for, sorted. */
    public java.util.SortedSet<String> languages() {
        java.util.TreeSet<String> out = new java.util.TreeSet<>(phrases.keySet());
        out.addAll(patterns.keySet());
        return out;
    }
}
