package dev.polity.input;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON Lines (one JSON object per line; blank lines skipped) with each object's line number, so
 * that a bad value can be reported as {@code file:line}. A line that is not a JSON object is an
 * {@link InvalidInputException} naming the file and line.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One object and the 1-based line it was read from. */
    public record Line(String file, int number, JsonNode object) {
        /** A text field, or null when absent or JSON null; a field of another type is an error naming the line. */
        public String text(String field) {
            JsonNode v = object.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new InvalidInputException(file, number, "'" + field + "' expected a string, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            return v.asText();
        }

        /** A text field that must be present and not blank. */
        public String required(String field) {
            String v = text(field);
            if (v == null || v.isBlank()) {
                throw new InvalidInputException(file, number, "missing '" + field + "'");
            }
            return v;
        }
    }

    private JsonLines() {
    }

    public static List<Line> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), 0, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Line> read(String name, InputStream in) {
        List<Line> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JacksonException e) {
                    throw new InvalidInputException(name, n, "not JSON (" + e.getOriginalMessage() + ")");
                }
                if (!node.isObject()) {
                    throw new InvalidInputException(name, n, "expected a JSON object, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                }
                out.add(new Line(name, n, node));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
