package dev.polity.deliberation;

import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV file with a header row, read whole; every row remembers the line it starts on, for error messages. */
record CsvTable(String file, List<String> header, Map<String, Integer> columns, List<Row> rows) {

    record Row(int line, List<String> cells) {
    }

    static CsvTable read(Path path) {
        String file = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(file, 0, "no such file");
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw new InvalidInputException(file, 1, "empty file: expected a header row");
            }
            List<String> header = new ArrayList<>();
            it.next().forEach(h -> header.add(h.strip().replace("\uFEFF", "")));
            Map<String, Integer> columns = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                if (columns.putIfAbsent(header.get(c), c) != null) {
                    throw new InvalidInputException(file, 1, "duplicate column '" + header.get(c) + "' in the header");
                }
            }
            List<Row> rows = new ArrayList<>();
            while (true) {
                int line = (int) parser.getCurrentLineNumber() + 1;
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new InvalidInputException(file, line, "malformed CSV: " + rootMessage(e));
                }
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                if (r.size() > header.size()) {
                    throw new InvalidInputException(file, line, "expected " + header.size() + " cells as in the header, found " + r.size());
                }
                List<String> cells = new ArrayList<>(header.size());
                r.forEach(cells::add);
                rows.add(new Row(line, cells));
            }
            return new CsvTable(file, header, columns, rows);
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    int require(String column) {
        Integer c = columns.get(column);
        if (c == null) {
            throw new InvalidInputException(file, 1, "expected a column '" + column + "' (header has: " + String.join(",", header) + ")");
        }
        return c;
    }

    /** The cell, or "" when the row is short. */
    static String cell(Row row, int column) {
        return column < row.cells().size() ? row.cells().get(column) : "";
    }

    /** A vote cell: 1 agree, -1 disagree, 0 pass (Polis export sign); anything else is the user's error. */
    byte vote(Row row, int column) {
        String s = cell(row, column).strip();
        switch (s) {
            case "1", "1.0", "+1" -> {
                return 1;
            }
            case "-1", "-1.0" -> {
                return -1;
            }
            case "0", "0.0", "-0" -> {
                return 0;
            }
            default -> throw new InvalidInputException(file, row.line(),
                    "column '" + header.get(column) + "': expected a vote 1 (agree), -1 (disagree) or 0 (pass), got '" + s + "'");
        }
    }

    long number(Row row, int column) {
        String s = cell(row, column).strip();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, row.line(), "column '" + header.get(column) + "': expected an integer, got '" + s + "'");
        }
    }
}
