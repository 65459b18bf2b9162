package dev.polity.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What a JSON parser found wrong, said the way every reader of JSON (model files, JSON Lines) says it: the
 * place and Jackson's reason, without its source excerpt or character codes.
 */
public final class JsonText {
    private JsonText() {
    }

    /**
     * {@code FILE:LINE:COLUMN: not JSON: REASON; expected WHAT}; {@code line}, when positive, is the line of a
     * JSON Lines file the text came from (the parser's own line is then always 1).
     */
    public static InvalidInputException error(String file, int line, JsonProcessingException e, String expected) {
        JsonLocation at = e.getLocation();
        Location where = line > 0 ? new Location(file, line, at == null ? 0 : at.getColumnNr())
                : new Location(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
        // Jackson's reason may quote a location with its source excerpt ([Source: REDACTED ...; line: 1, column: 1]): the place is enough
        String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").replaceAll("\\s*\\(code -?\\d+\\)", "")
                .replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        return new InvalidInputException(where, "not JSON: " + reason + "; expected " + expected);
    }
}
