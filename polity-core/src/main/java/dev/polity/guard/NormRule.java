package dev.polity.guard;

import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An action for particular norms, chosen before the tier's: {@code match} is a norm id or
 * {@code topic:TOPIC}, where {@code *} stands for any characters ({@code topic:ai-disclosure.*}).
 *
 * @param disclosure the text a {@code disclose} action appends; null for the configuration's default
 */
public record NormRule(String match, Action action, String disclosure) {
    public NormRule {
        if (match == null || match.isBlank()) {
            throw new IllegalArgumentException("a norm rule needs a match");
        }
    }

    public boolean matches(Norm norm) {
        return matches(match, norm);
    }

    /** Whether {@code pattern} (an id or {@code topic:TOPIC}, {@code *} for any characters) names {@code norm}. */
    static boolean matches(String pattern, Norm norm) {
        boolean topic = pattern.startsWith("topic:");
        String glob = topic ? pattern.substring("topic:".length()) : pattern;
        String subject = topic ? norm.topic() : norm.id();
        if (subject == null) {
            return false;
        }
        if (!glob.contains("*")) {
            return glob.equals(subject);
        }
        List<String> parts = new ArrayList<>();
        for (String part : glob.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.matches(String.join(".*", parts), subject);
    }
}
