package dev.polity.guard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One text to check, as {@code POST /v1/polity/check} and a line of {@code polity check --input} give it:
 * {@code {"jurisdiction", "domain", "audience", "date", "prompt", "answer"}}, every field optional but at
 * least one of prompt and answer (the jurisdiction may come from elsewhere, a tenant's default).
 *
 * @param date null when not given
 */
public record CheckRequest(String jurisdiction, String domain, String audience, LocalDate date, String prompt, String answer) {

    /**
     * @throws InvalidInputException naming the field (as its location) and what was expected
     */
    public static CheckRequest parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(null, "expected a JSON object with jurisdiction and a prompt or an answer");
        }
        String prompt = string(n, "prompt");
        String answer = string(n, "answer");
        if (prompt == null && answer == null) {
            throw new InvalidInputException(new Location("prompt", 0, 0), "give a prompt, an answer or both");
        }
        LocalDate date = null;
        String day = string(n, "date");
        if (day != null) {
            try {
                date = LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(new Location("date", 0, 0), "expected YYYY-MM-DD, got '" + day + "'");
            }
        }
        return new CheckRequest(string(n, "jurisdiction"), string(n, "domain"), string(n, "audience"), date, prompt, answer);
    }

    private static String string(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException(new Location(key, 0, 0), "expected a string, got " + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return v.asText();
    }
}
