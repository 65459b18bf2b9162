package dev.polity.judge;

import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file with a header row, read whole (RFC 4180: quoted fields may hold commas, quotes and line
 * breaks). Every row remembers the line it starts on, so that errors can name it.
 */
public record CsvTable(String file, List<String> header, List<Row> rows) {

    public record Row(int line, List<String> values) {
    }

    public static CsvTable read(Path path) {
        String file = path.toString();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, format)) {
            List<String> header = List.copyOf(parser.getHeaderNames());
            if (header.isEmpty()) {
                throw new InvalidInputException(file, 1, "expected a header row naming the columns, found an empty file");
            }
            List<Row> rows = new ArrayList<>();
            long lineBefore = parser.getCurrentLineNumber();
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new InvalidInputException(file, (int) parser.getCurrentLineNumber() + 1,
                            "malformed CSV (" + firstLine(e) + ")");
                }
                int line = (int) lineBefore + 1;
                lineBefore = parser.getCurrentLineNumber();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                if (r.size() != header.size()) {
                    throw new InvalidInputException(file, line, "expected " + header.size() + " fields as in the header, got " + r.size());
                }
                rows.add(new Row(line, r.toList()));
            }
            return new CsvTable(file, header, List.copyOf(rows));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file, 0, "expected UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, "cannot read (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, 1, "bad header (" + firstLine(e) + ")");
        }
    }

    /** The index of a column, or a one-line error naming the columns there are. */
    public int column(String name, String option) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new InvalidInputException(file, 1, option + ": no column '" + name + "'; the columns are " + String.join(", ", header));
        }
        return i;
    }

    private static String firstLine(Exception e) {
        Throwable t = e.getCause() != null && e.getMessage() != null && e.getMessage().startsWith("java.") ? e.getCause() : e;
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
