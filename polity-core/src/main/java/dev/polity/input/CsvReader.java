package dev.polity.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a CSV file with a header row one record at a time, straight from its bytes, remembering the line
 * each record starts on. Every CSV that Polity reads goes through it, under one set of rules:
 * <ul>
 *   <li>RFC 4180 quoting: a field that starts with {@code "} may hold commas, line breaks and doubled
 *       quotes, and must be followed by a comma or the end of the line; a {@code "} inside an unquoted
 *       field is kept as written;</li>
 *   <li>records end at LF, CRLF or CR; empty lines are skipped; the first record is the header;</li>
 *   <li>the text is UTF-8: a byte-order mark at the start is dropped, any other byte that is not UTF-8 is
 *       an error naming its line;</li>
 *   <li>header names are stripped of surrounding spaces and found ignoring case; a name written twice is
 *       an error naming both columns (empty names, such as a pandas index column's, may repeat);</li>
 *   <li>every record has as many fields as the header, or it is an error naming its line, unless the
 *       format pads short records with empty fields ({@link ShortRows#PAD}; Polis exports);</li>
 *   <li>fields are kept as written (no trimming); the typed accessors of {@link CsvTable.Row} strip them.</li>
 * </ul>
 * Hand-written rather than commons-csv because pairwise files reach millions of rows and the parse is part
 * of {@code aggregate}'s measured time (docs/PERFORMANCE.md): fields stay byte ranges until asked for, and
 * whole numbers are read without making strings.
 *
 * <p>Why one class of about 500 lines: the record scanner, the UTF-8 check and the lazy field access share
 * one buffer and its offsets, and keeping them together is what keeps the parse as fast as measured.
 */
public final class CsvReader implements Closeable {
    /** What a record with fewer fields than the header means. */
    public enum ShortRows {
        /** An error naming the line. */
        ERROR,
        /** The missing trailing fields are empty. */
        PAD
    }

    private static final int BUFFER = 1 << 16;
    private static final int[] NONE = new int[0];

    private final String file;
    private final InputStream in;
    private final ShortRows shortRows;
    private final CsvTable.Header header;
    private final int width;

    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    /** The physical line {@code pos} is on. */
    private int line = 1;

    /** The current record: its first line, its fields as byte ranges of {@code buf}, whether it is all ASCII. */
    private int recordLine;
    private int fields;
    private int[] start = new int[16];
    private int[] end = new int[16];
    /** The value of each field written as 1 to 18 digits without a leading zero; -1 for any other field. */
    private long[] digits = new long[16];
    private int[] escaped = NONE;
    private int escapedCount;
    private boolean ascii;
    /** While scanning: the physical line reached, and the bytes of quoted fields ORed (negative when one is not ASCII). */
    private int scanLine;
    private int scanHigh;

    private CsvReader(String file, InputStream in, byte[] initial, int length, ShortRows shortRows) {
        this.file = file;
        this.in = in;
        this.shortRows = shortRows;
        this.buf = initial;
        this.limit = length;
        this.eof = in == null;
        try {
            while (limit < 3 && fill()) {
                // a byte-order mark needs the first three bytes
            }
            if (TextFile.hasByteOrderMark(buf, limit)) {
                pos = 3;
            }
            if (!nextRecord()) {
                throw new InvalidInputException(file, 1, "empty file: expected a header row naming the columns");
            }
            List<String> names = new ArrayList<>(fields);
            for (int c = 0; c < fields; c++) {
                names.add(text(c).strip());
            }
            header = new CsvTable.Header(file, recordLine, names);
            width = names.size();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens {@code file} and reads its header; errors are reported under {@code file.toString()}. */
    public static CsvReader open(Path file) {
        return open(file, ShortRows.ERROR);
    }

    public static CsvReader open(Path file, ShortRows shortRows) {
        return open(file, shortRows, BUFFER);
    }

    /** With a read buffer of {@code bufferSize} bytes to start with (it grows to hold the longest record). */
    static CsvReader open(Path file, ShortRows shortRows, int bufferSize) {
        String name = file.toString();
        InputStream stream;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(name, 0, "expected a CSV file, found a folder");
            }
            stream = Files.newInputStream(file);
        } catch (IOException e) {
            throw TextFile.unreadable(name, e);
        }
        return new CsvReader(name, stream, new byte[bufferSize], 0, shortRows);
    }

    /** CSV text held in memory, reported as {@code file}. */
    public static CsvReader of(String file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new CsvReader(file, null, bytes, bytes.length, ShortRows.ERROR);
    }

    /** CSV bytes held in memory, reported as {@code file}; the reader works on a copy. */
    public static CsvReader of(String file, byte[] bytes, ShortRows shortRows) {
        return new CsvReader(file, null, bytes.clone(), bytes.length, shortRows);
    }

    public String file() {
        return file;
    }

    public CsvTable.Header header() {
        return header;
    }

    /**
     * Moves to the next record; false at the end of the file.
     *
     * @throws InvalidInputException naming the line when the record is malformed, not UTF-8 or of the wrong length
     */
    public boolean next() {
        if (!nextRecord()) {
            return false;
        }
        int want = width;
        if (fields != want) {
            if (fields > want || shortRows == ShortRows.ERROR) {
                throw new InvalidInputException(file, recordLine, "expected " + want + " fields as in the header, got " + fields);
            }
            room(want);
            for (int c = fields; c < want; c++) {
                start[c] = 0;
                end[c] = 0;
                digits[c] = -1;
            }
            fields = want;
        }
        return true;
    }

    /** The 1-based line the current record starts on (a quoted field may span lines). */
    public int line() {
        return recordLine;
    }

    /** Field {@code column} of the current record, as written. */
    public String text(int column) {
        int s = start[column];
        return new String(buf, s, end[column] - s, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * Field {@code column} as a whole number when it is written plainly: an optional '-', then 1 to 18
     * digits without a leading zero ({@code 0} itself, but not {@code -0}, {@code 007} or {@code +1}), with
     * spaces or tabs around allowed; {@code otherwise} for anything else. Distinct numbers are then distinct
     * texts, so a number can stand for its text. Read from the bytes, without making a string.
     */
    public long wholeNumber(int column, long otherwise) {
        long v = digits[column];
        return v >= 0 ? v : signedOrSpaced(column, otherwise);
    }

    /** {@link #wholeNumber} for the fields that are not just digits: a sign, spaces around, or no number at all. */
    private long signedOrSpaced(int column, long otherwise) {
        int i = start[column];
        int e = end[column];
        while (i < e && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        while (e > i && (buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
            e--;
        }
        boolean negative = i < e && buf[i] == '-';
        if (negative) {
            i++;
        }
        int digits = e - i;
        if (digits < 1 || digits > 18 || (buf[i] == '0' && (digits > 1 || negative))) {
            return otherwise;
        }
        long v = 0;
        for (; i < e; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return otherwise;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /** The current record as a row of strings. */
    public CsvTable.Row row() {
        String[] values = new String[fields];
        for (int c = 0; c < fields; c++) {
            values[c] = text(c);
        }
        return new CsvTable.Row(header, recordLine, values);
    }

    /** Every remaining record. */
    public List<CsvTable.Row> rows() {
        List<CsvTable.Row> rows = new ArrayList<>();
        while (next()) {
            rows.add(row());
        }
        return rows;
    }

    @Override
    public void close() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing was written; a failed close of a file we only read loses nothing
            }
        }
    }

    /** Reads the next non-empty record into the field ranges; false at the end of the input. */
    private boolean nextRecord() {
        while (true) {
            if (pos >= limit && (eof || !fill())) {
                return false;
            }
            byte b = buf[pos];
            if (b == '\n') {
                pos++;
                line++;
                continue;
            }
            if (b == '\r') {
                if (pos + 1 >= limit && !eof) {
                    fill();
                    continue;
                }
                pos += pos + 1 < limit && buf[pos + 1] == '\n' ? 2 : 1;
                line++;
                continue;
            }
            while (!scan()) {
                fill();
            }
            return true;
        }
    }

    /**
     * Scans one record from {@code pos}. Returns false, having changed nothing but the field ranges, when
     * the buffer ends inside the record and more input may follow: the caller reads more and scans again.
     * Quoted fields, bytes outside ASCII and doubled quotes are rare and handled out of line, which keeps
     * this loop small enough for the JIT to compile early: it is most of {@code aggregate}'s parse time.
     */
    private boolean scan() {
        int p = pos;
        scanLine = line;
        scanHigh = 0;
        fields = 0;
        escapedCount = 0;
        int hi = 0;
        while (true) {
            if (p < limit && buf[p] == '"') {
                p = quoted(p);
                if (p < 0) {
                    return false;
                }
            } else {
                int s = p;
                long v = 0;
                int notDigit = 0;
                while (p < limit) {
                    byte c = buf[p];
                    // the value of a field of digits comes with the scan: a second pass over it costs as much again
                    int d = c - '0';
                    if ((char) d < 10) {
                        v = v * 10 + d;
                        p++;
                        continue;
                    }
                    if (c == ',' || c == '\n' || c == '\r') {
                        break;
                    }
                    hi |= c;
                    notDigit = -1;
                    p++;
                }
                if (p >= limit && !eof) {
                    return false;
                }
                if (fields == start.length) {
                    room(fields + 1);
                }
                start[fields] = s;
                end[fields] = p;
                int length = p - s;
                digits[fields] = notDigit >= 0 && length >= 1 && length <= 18 && (length == 1 || buf[s] != '0') ? v : -1;
                fields++;
            }
            if (p >= limit) {
                break;
            }
            if (buf[p] == ',') {
                p++;
                continue;
            }
            p = lineEnd(p);
            if (p < 0) {
                return false;
            }
            break;
        }
        ascii = (hi | scanHigh) >= 0;
        if (!ascii || escapedCount > 0) {
            finish(p);
        }
        recordLine = line;
        pos = p;
        line = scanLine;
        return true;
    }

    /** Past the LF, CRLF or CR at {@code p}; -1 when a CR ends the buffer and an LF may follow. */
    private int lineEnd(int p) {
        scanLine++;
        if (buf[p] != '\r') {
            return p + 1;
        }
        if (p + 1 >= limit && !eof) {
            scanLine--;
            return -1;
        }
        return p + 1 < limit && buf[p + 1] == '\n' ? p + 2 : p + 1;
    }

    /** For a record with bytes outside ASCII or doubled quotes: checks its UTF-8 and undoubles its quotes. */
    private void finish(int p) {
        if (!ascii) {
            int bad = TextFile.malformedAt(buf, pos, p);
            if (bad >= 0) {
                throw TextFile.notUtf8(file, line + TextFile.lineBreaks(buf, pos, bad), buf[bad]);
            }
        }
        for (int k = 0; k < escapedCount; k++) {
            undouble(escaped[k]);
        }
    }

    /**
     * Scans the quoted field whose opening quote is at {@code p} and adds it; returns where its closing
     * quote ends, or -1 when the buffer ends first and more input may follow.
     */
    private int quoted(int p) {
        int opened = scanLine;
        int s = ++p;
        boolean doubled = false;
        while (true) {
            if (p >= limit) {
                if (!eof) {
                    return -1;
                }
                throw new InvalidInputException(file, opened, "malformed CSV: a quoted field starts on this line and is never closed");
            }
            byte c = buf[p];
            if (c == '"') {
                if (p + 1 >= limit && !eof) {
                    return -1;
                }
                if (p + 1 < limit && buf[p + 1] == '"') {
                    doubled = true;
                    p += 2;
                    continue;
                }
                break;
            }
            if (c == '\n') {
                scanLine++;
            } else if (c == '\r') {
                if (p + 1 >= limit && !eof) {
                    return -1;
                }
                if (p + 1 >= limit || buf[p + 1] != '\n') {
                    scanLine++;
                }
            }
            scanHigh |= c;
            p++;
        }
        room(fields + 1);
        start[fields] = s;
        end[fields] = p;
        digits[fields] = -1;
        if (doubled) {
            if (escapedCount == escaped.length) {
                escaped = Arrays.copyOf(escaped, Math.max(4, escapedCount * 2));
            }
            escaped[escapedCount++] = fields;
        }
        fields++;
        p++;
        if (p >= limit && !eof) {
            return -1;
        }
        if (p < limit && buf[p] != ',' && buf[p] != '\n' && buf[p] != '\r') {
            throw new InvalidInputException(file, scanLine, "malformed CSV: expected ',' or the end of the line after a closing quote"
                    + (buf[p] >= ' ' && buf[p] < 127 ? ", got '" + (char) buf[p] + "'" : ""));
        }
        return p;
    }

    /** Turns each {@code ""} of a quoted field into {@code "}, in place; the field gets shorter. */
    private void undouble(int column) {
        int w = start[column];
        for (int r = start[column]; r < end[column]; r++) {
            buf[w++] = buf[r];
            if (buf[r] == '"') {
                r++;
            }
        }
        end[column] = w;
    }

    private void room(int n) {
        if (n > start.length) {
            start = Arrays.copyOf(start, Math.max(n, start.length * 2));
            end = Arrays.copyOf(end, start.length);
            digits = Arrays.copyOf(digits, start.length);
        }
    }

    /**
     * Keeps the bytes from {@code pos} on (the record being read), moved to the front, and reads more after
     * them, growing the buffer when the record fills it. False when the input has ended.
     */
    private boolean fill() {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return false;
            }
            limit += n;
            return true;
        } catch (IOException e) {
            close();
            throw new InvalidInputException(file, line, "cannot read: " + e.getMessage());
        }
    }
}
