package dev.polity.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.input.CsvTable;
import dev.polity.input.InvalidInputException;
import dev.polity.input.JsonText;
import dev.polity.input.YamlSchema;
import dev.polity.input.TextFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers read from a transcript (CSV with a header row, or JSON Lines), so recorded conversations are
 * judged without a live model. A request is answered with the recording whose prompt equals the request's
 * last user turn; when a prompt was recorded more than once, the first recording answers.
 */
final class ReplaySource implements AnswerSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path file;
    private final List<Recording> recordings;
    private final Map<String, Recording> byPrompt = new LinkedHashMap<>();
    private final Map<String, Recording> byId = new LinkedHashMap<>();
    private final Set<String> models = new LinkedHashSet<>();

    private ReplaySource(String name, Path file, List<Recording> recordings) {
        this.name = name;
        this.file = file;
        this.recordings = List.copyOf(recordings);
        for (Recording r : recordings) {
            byPrompt.putIfAbsent(r.prompt(), r);
            if (r.id() != null) {
                byId.putIfAbsent(r.id(), r);
            }
            models.add(r.model());
        }
    }

    /**
     * Reads {@code file} (.csv, or .jsonl / .ndjson) with the mapping.
     *
     * @throws InvalidInputException naming the file and line (or the missing column) when it cannot be used
     */
    public static ReplaySource load(Path file, ReplayMapping mapping) {
        return load(file, mapping, "replay:" + file);
    }

    static ReplaySource load(Path file, ReplayMapping mapping, String name) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String defaultModel = mapping.modelName() != null ? mapping.modelName() : stem(file);
        List<Recording> rows;
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            rows = jsonLines(file, TextFile.read(file), mapping, defaultModel);
        } else if (lower.endsWith(".csv")) {
            rows = csv(CsvTable.read(file), mapping, defaultModel);
        } else if (!Files.exists(file)) {
            throw new InvalidInputException(file.toString(), 0, "no such file");
        } else {
            throw new InvalidInputException(file.toString(), 0, "expected a .csv or .jsonl transcript");
        }
        if (mapping.only() != null) {
            rows = rows.stream().filter(r -> mapping.only().equals(r.model())).toList();
            if (rows.isEmpty()) {
                throw new InvalidInputException(file.toString(), 0, "no row has " + mapping.model() + " = '" + mapping.only() + "'");
            }
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(file.toString(), 0, "no recorded answers (expected a header row and at least one row)");
        }
        return new ReplaySource(name, file, rows);
    }

    private static List<Recording> csv(CsvTable table, ReplayMapping m, String defaultModel) {
        int prompt = table.column(m.prompt());
        int answer = table.column(m.answer());
        int model = m.model() == null ? -1 : table.column(m.model());
        int id = m.id() == null ? -1 : table.column(m.id());
        List<Recording> out = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            String p = row.text(prompt);
            if (p.isBlank()) {
                throw row.error("empty " + m.prompt() + "; every recorded answer needs its prompt");
            }
            out.add(new Recording(id < 0 ? null : row.text(id), p, row.text(answer), model < 0 ? defaultModel : row.text(model), row.line()));
        }
        return out;
    }

    private static List<Recording> jsonLines(Path file, String text, ReplayMapping m, String defaultModel) {
        List<Recording> out = new ArrayList<>();
        int line = 0;
        for (String lineText : (Iterable<String>) text.lines()::iterator) {
            line++;
            if (lineText.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(lineText);
            } catch (JsonProcessingException e) {
                throw JsonText.error(file.toString(), line, e, "one JSON object per line");
            }
            if (!node.isObject()) {
                throw new InvalidInputException(file.toString(), line, "expected a JSON object, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            for (String field : columns(m)) {
                JsonNode v = node.get(field);
                // an id may be a number; the prompt and the answer are text
                boolean mustBeText = field.equals(m.prompt()) || field.equals(m.answer());
                if (v == null || !v.isValueNode() || v.isNull() || (mustBeText && !v.isTextual())) {
                    throw new InvalidInputException(file.toString(), line, "expected a field '" + field + "' holding text, found "
                            + (v == null ? "none" : YamlSchema.describeValue(v)));
                }
            }
            String prompt = node.get(m.prompt()).asText();
            if (prompt.isBlank()) {
                throw new InvalidInputException(file.toString(), line, "empty " + m.prompt() + "; every recorded answer needs its prompt");
            }
            out.add(new Recording(m.id() == null ? null : node.get(m.id()).asText(), prompt, node.get(m.answer()).asText(),
                    m.model() == null ? defaultModel : node.get(m.model()).asText(), line));
        }
        return out;
    }

    private static List<String> columns(ReplayMapping m) {
        List<String> c = new ArrayList<>(List.of(m.prompt(), m.answer()));
        if (m.model() != null) {
            c.add(m.model());
        }
        if (m.id() != null) {
            c.add(m.id());
        }
        return c;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    @Override
    public String name() {
        return name;
    }

    public Path file() {
        return file;
    }

    /** Every recording kept, in file order. */
    public List<Recording> recordings() {
        return recordings;
    }

    /** The models whose answers this source holds, in order of first appearance. */
    public Set<String> models() {
        return java.util.Collections.unmodifiableSet(models);
    }

    public Optional<Recording> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Answer answer(AnswerRequest request) {
        if (models.size() > 1) {
            throw new AnswerUnavailableException(name + ": holds answers of several models (" + String.join(", ", models)
                    + "); choose one with only=MODEL", false, null);
        }
        Recording r = byPrompt.get(request.lastUserText());
        if (r == null) {
            String p = request.lastUserText().replaceAll("\\s+", " ");
            throw new AnswerUnavailableException(name + ": no recorded answer for the prompt '"
                    + (p.length() > 80 ? p.substring(0, 80) + "..." : p) + "'", false, null);
        }
        return Answer.of(r.answer(), r.model());
    }
}
