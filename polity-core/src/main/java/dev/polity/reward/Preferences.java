package dev.polity.reward;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polity.input.CsvTable;
import dev.polity.input.InvalidInputException;
import dev.polity.input.JsonLines;
import dev.polity.input.Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Pairwise preference data as read from a file, with what identifies it (the file and the SHA-256 of its bytes).
 * Three shapes, told apart per line or by the header:
 * <ul>
 * <li>HH-RLHF JSON Lines ({@code .jsonl}, or {@code .jsonl.gz} as Anthropic ships it): {@code chosen} and
 * {@code rejected}, each a whole transcript; the prompt is the dialogue they share up to the last
 * {@code "\n\nAssistant:"}, each answer the turn after it ({@link Dialogue#split}). An empty last turn is an answer
 * (the assistant said nothing, and it can be the preferred one: four pairs of the harmless-base test split).</li>
 * <li>TRL-style JSON Lines: {@code prompt}, {@code chosen}, {@code rejected}, each text, or chat messages
 * ({@code [{"role", "content"}]}) in the conversational form; what {@code polity export preferences} writes.</li>
 * <li>CSV with columns {@code prompt}, {@code chosen}, {@code rejected}.</li>
 * </ul>
 * Any other field or column (text, number or true/false) is a rater attribute that {@code --groups} can name.
 *
 * @param sha256 SHA-256 of the file's bytes (of the compressed bytes for {@code .gz})
 */
public record Preferences(List<PreferencePair> pairs, List<String> attributes, Path file, String sha256) {
    private static final List<String> FIELDS = List.of("prompt", "chosen", "rejected");

    public Preferences {
        pairs = List.copyOf(pairs);
        attributes = List.copyOf(attributes);
    }

    /**
     * Reads a file of comparisons by its name's ending: {@code .jsonl}, {@code .jsonl.gz}, {@code .csv}.
     *
     * @throws InvalidInputException naming the file and line of what cannot be used, and what was expected
     */
    public static Preferences read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(file.toString(), 0, "cannot read: permission denied");
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<PreferencePair> pairs;
        if (name.endsWith(".csv")) {
            pairs = csv(file);
        } else if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".ndjson")) {
            pairs = jsonLines(file.toString(), name.endsWith(".gz") ? gunzip(file.toString(), bytes) : new ByteArrayInputStream(bytes));
        } else {
            throw new InvalidInputException(file.toString(), 0, "expected comparisons in a .jsonl, .jsonl.gz or .csv file");
        }
        if (pairs.isEmpty()) {
            throw new InvalidInputException(file.toString(), 0, "no comparisons (expected one JSON object or CSV row per pair)");
        }
        TreeSet<String> attributes = new TreeSet<>();
        pairs.forEach(p -> attributes.addAll(p.attributes().keySet()));
        return new Preferences(pairs, List.copyOf(attributes), file, sha256(bytes));
    }

    /** The values of one rater attribute, sorted; an error naming the option when no pair has it. */
    public List<String> groups(String attribute, String option) {
        TreeSet<String> values = new TreeSet<>();
        for (PreferencePair p : pairs) {
            String v = p.attributes().get(attribute);
            if (v == null || v.isBlank()) {
                throw new InvalidInputException(p.where(), option + ": this pair has no '" + attribute + "'"
                        + (attributes.isEmpty() ? " (the file has no rater attributes)" : "; rater attributes: " + String.join(", ", attributes)));
            }
            values.add(v);
        }
        return List.copyOf(values);
    }

    private static InputStream gunzip(String file, byte[] bytes) {
        try {
            return new GZIPInputStream(new ByteArrayInputStream(bytes));
        } catch (ZipException e) {
            throw new InvalidInputException(file, 0, "not gzip data (" + e.getMessage() + "); a .gz file must be gzip-compressed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<PreferencePair> jsonLines(String file, InputStream in) {
        List<JsonLines.Line> lines;
        try {
            lines = JsonLines.read(file, in);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(file, 0, "cannot read: " + e.getCause().getMessage());
        }
        List<PreferencePair> out = new ArrayList<>(lines.size());
        for (JsonLines.Line line : lines) {
            out.add(pair(line));
        }
        return out;
    }

    private static PreferencePair pair(JsonLines.Line line) {
        JsonNode o = line.object();
        Location where = new Location(line.file(), line.number(), 0);
        if (!o.has("chosen") || !o.has("rejected")) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            throw new InvalidInputException(line.file(), line.number(), "expected 'chosen' and 'rejected' (HH-RLHF transcripts), or 'prompt', "
                    + "'chosen' and 'rejected' (TRL); found " + (keys.isEmpty() ? "no fields" : String.join(", ", keys)));
        }
        Map<String, String> attributes = attributes(line);
        if (!o.has("prompt")) {
            String chosen = line.required("chosen");
            String rejected = line.required("rejected");
            Dialogue.Split c = Dialogue.split(chosen);
            Dialogue.Split r = Dialogue.split(rejected);
            if (c == null || r == null) {
                throw new InvalidInputException(line.file(), line.number(), "'" + (c == null ? "chosen" : "rejected")
                        + "' has no \"\\n\\nAssistant:\" turn; expected an HH-RLHF transcript, or give the prompt in 'prompt'");
            }
            if (!c.prompt().equals(r.prompt())) {
                throw new InvalidInputException(line.file(), line.number(), "'chosen' and 'rejected' differ before their last \"Assistant:\" turn;"
                        + " expected two answers to one dialogue");
            }
            return new PreferencePair(c.prompt(), c.answer(), r.answer(), attributes, where);
        }
        String prompt = conversational(line, "prompt", false);
        if (prompt.isBlank()) {
            throw new InvalidInputException(line.file(), line.number(), "empty 'prompt'; expected the text both answers reply to");
        }
        return new PreferencePair(prompt, answer(line, "chosen"), answer(line, "rejected"), attributes, where);
    }

    private static String answer(JsonLines.Line line, String field) {
        String a = conversational(line, field, true);
        if (a.isBlank()) {
            throw new InvalidInputException(line.file(), line.number(), "empty '" + field + "'; expected the answer's text");
        }
        return a;
    }

    /**
     * A text field, or chat messages: a prompt's turns in HH-RLHF form (so that its request is found the same
     * way), an answer's assistant messages joined.
     */
    private static String conversational(JsonLines.Line line, String field, boolean answer) {
        JsonNode v = line.object().get(field);
        if (v == null || !v.isArray()) {
            String s = line.text(field);
            return s == null ? "" : s;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode m : v) {
            JsonNode role = m.get("role");
            JsonNode content = m.get("content");
            if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
                throw new InvalidInputException(line.file(), line.number(), "'" + field + "': expected messages {\"role\": ..., \"content\": ...} with text values");
            }
            if (answer) {
                sb.append(sb.length() == 0 ? "" : "\n\n").append(content.asText());
            } else if (!role.asText().equals("system")) {
                sb.append(role.asText().equals("assistant") ? Dialogue.ASSISTANT : Dialogue.HUMAN).append(' ').append(content.asText());
            }
        }
        return answer ? sb.toString() : sb.append(Dialogue.ASSISTANT).toString();
    }

    private static Map<String, String> attributes(JsonLines.Line line) {
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = line.object().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (FIELDS.contains(f.getKey()) || f.getValue().isNull()) {
                continue;
            }
            JsonNode v = f.getValue();
            if (!v.isValueNode()) {
                throw new InvalidInputException(line.file(), line.number(), "'" + f.getKey() + "': a rater attribute must be text, a number or true/false");
            }
            out.put(f.getKey(), v.asText());
        }
        return out;
    }

    static List<PreferencePair> csv(Path file) {
        CsvTable t = CsvTable.read(file);
        int prompt = t.header().column("prompt");
        int chosen = t.header().column("chosen");
        int rejected = t.header().column("rejected");
        List<PreferencePair> out = new ArrayList<>(t.rows().size());
        for (CsvTable.Row row : t.rows()) {
            String p = row.text(prompt);
            if (p.isBlank()) {
                throw row.error("empty 'prompt'; expected the text both answers reply to");
            }
            for (int c : new int[] {chosen, rejected}) {
                if (row.isBlank(c)) {
                    throw row.error("empty '" + t.header().name(c) + "'; expected the answer's text");
                }
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int c = 0; c < t.header().size(); c++) {
                if (c != prompt && c != chosen && c != rejected && !row.isBlank(c)) {
                    attributes.put(t.header().name(c), row.text(c).strip());
                }
            }
            out.add(new PreferencePair(p, row.text(chosen), row.text(rejected), attributes, new Location(row.file(), row.line(), 0)));
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
