package dev.polity.choice;

import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes) that remembers the
 * line each record starts on, so errors can name it. Hand-written because pairwise files reach millions
 * of rows and the parse is part of the command's measured time.
 */
final class CsvTable {
    /** One record: its fields and the 1-based line it starts on. */
    interface RecordSink {
        void accept(String[] fields, int line);
    }

    private CsvTable() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), 0, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls the sink for every record, header included (line 1 first). Blank lines are skipped. */
    static void parse(String text, String file, RecordSink sink) {
        int n = text.length();
        int pos = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        List<String> fields = new ArrayList<>();
        StringBuilder quoted = new StringBuilder();
        while (pos < n) {
            int recordLine = line;
            fields.clear();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                if (pos < n && text.charAt(pos) == '"') {
                    quoted.setLength(0);
                    pos++;
                    while (true) {
                        if (pos >= n) {
                            throw new InvalidInputException(file, recordLine, "unterminated quoted field");
                        }
                        char c = text.charAt(pos);
                        if (c == '"') {
                            if (pos + 1 < n && text.charAt(pos + 1) == '"') {
                                quoted.append('"');
                                pos += 2;
                                continue;
                            }
                            pos++;
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        quoted.append(c);
                        pos++;
                    }
                    fields.add(quoted.toString());
                    if (pos < n && text.charAt(pos) != ',' && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                        throw new InvalidInputException(file, line, "expected ',' or end of line after a quoted field");
                    }
                } else {
                    int start = pos;
                    while (pos < n) {
                        char c = text.charAt(pos);
                        if (c == ',' || c == '\n' || c == '\r') {
                            break;
                        }
                        pos++;
                    }
                    fields.add(text.substring(start, pos));
                }
                if (pos >= n) {
                    endOfRecord = true;
                } else {
                    char c = text.charAt(pos);
                    if (c == ',') {
                        pos++;
                    } else {
                        if (c == '\r') {
                            pos++;
                        }
                        if (pos < n && text.charAt(pos) == '\n') {
                            pos++;
                        }
                        line++;
                        endOfRecord = true;
                    }
                }
            }
            if (fields.size() == 1 && fields.get(0).isEmpty()) {
                continue;
            }
            sink.accept(fields.toArray(new String[0]), recordLine);
        }
    }

    static int column(String[] header, String... names) {
        for (String name : names) {
            for (int i = 0; i < header.length; i++) {
                if (header[i].trim().equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
