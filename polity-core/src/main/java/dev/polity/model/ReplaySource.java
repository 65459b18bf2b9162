package dev.polity.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.input.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Answers read from a transcript (CSV with a header row, or JSON Lines), so recorded conversations are
 * judged without a live model. A request is answered with the recording whose prompt equals the request's
 * last user turn; when a prompt was recorded more than once, the first recording answers.
 */
public final class ReplaySource implements AnswerSource {
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
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
                rows = jsonLines(file, in, mapping, defaultModel);
            } else if (lower.endsWith(".csv")) {
                rows = csv(file, in, mapping, defaultModel);
            } else {
                throw new InvalidInputException(file.toString(), 0, "expected a .csv or .jsonl transcript");
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), 0, "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(file.toString(), 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), 0, "cannot read: " + e.getMessage());
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

    private static List<Recording> csv(Path file, Reader in, ReplayMapping m, String defaultModel) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        List<Recording> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            for (String column : columns(m)) {
                if (!header.contains(column)) {
                    throw new InvalidInputException(file.toString(), 1, "no column '" + column + "'; the columns are " + String.join(", ", header));
                }
            }
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                int line = (int) parser.getCurrentLineNumber() + 1;
                CSVRecord rec;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    rec = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new InvalidInputException(file.toString(), line, "malformed CSV: " + oneLine(e));
                }
                if (!rec.isConsistent()) {
                    throw new InvalidInputException(file.toString(), line, "expected " + header.size() + " fields, found " + rec.size());
                }
                out.add(new Recording(m.id() == null ? null : rec.get(m.id()), required(file, line, m.prompt(), rec.get(m.prompt())),
                        rec.get(m.answer()), m.model() == null ? defaultModel : rec.get(m.model()), line));
            }
        }
        return out;
    }

    private static List<Recording> jsonLines(Path file, BufferedReader in, ReplayMapping m, String defaultModel) throws IOException {
        List<Recording> out = new ArrayList<>();
        String text;
        int line = 0;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(file.toString(), line, "not JSON: " + e.getOriginalMessage());
            }
            if (!node.isObject()) {
                throw new InvalidInputException(file.toString(), line, "expected a JSON object, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            for (String field : columns(m)) {
                if (!node.has(field) || !node.get(field).isValueNode()) {
                    throw new InvalidInputException(file.toString(), line, "expected a field '" + field + "' holding text");
                }
            }
            out.add(new Recording(m.id() == null ? null : node.get(m.id()).asText(),
                    required(file, line, m.prompt(), node.get(m.prompt()).asText()), node.get(m.answer()).asText(),
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

    private static String required(Path file, int line, String column, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(file.toString(), line, "empty " + column + "; every recorded answer needs its prompt");
        }
        return value;
    }

    private static String oneLine(Exception e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        return String.valueOf(t.getMessage()).replaceAll("\\s+", " ").trim();
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
