package dev.polity.reward;

import dev.polity.input.Location;
import java.util.Map;
import java.util.TreeMap;

/**
 * One human comparison: two answers to one prompt, the one preferred first, with what is known of the rater
 * ({@code attributes}: a column or field name to its value, e.g. {@code region: north}) and where it was read.
 *
 * @param prompt the prompt both answer; an HH-RLHF prompt keeps its turns ({@link Dialogue})
 * @param where  the file and line it was read from, for errors and the data card
 */
public record PreferencePair(String prompt, String chosen, String rejected, Map<String, String> attributes, Location where) {
    public PreferencePair {
        attributes = attributes == null || attributes.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
}
