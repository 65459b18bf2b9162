package dev.polity.input;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a CSV file that {@link CsvReader} reads back: UTF-8, RFC 4180 quoting (commons-csv), records ended by
 * LF, a header first. Every CSV Polity writes goes through it.
 */
public final class CsvWriter implements AutoCloseable {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    private final CSVPrinter printer;

    private CsvWriter(Writer out, String... header) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
        printer.printRecord((Object[]) header);
    }

    /** What goes into a file, record by record. */
    @FunctionalInterface
    public interface Rows {
        void writeTo(CsvWriter out) throws IOException;
    }

    /** Replaces {@code file} (whole, through {@link AtomicFile}) with the header and the rows {@code rows} writes. */
    public static void write(Path file, Rows rows, String... header) throws IOException {
        AtomicFile.write(file, out -> {
            try (CsvWriter w = new CsvWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), header)) {
                rows.writeTo(w);
            }
        });
    }

    /** Writes to {@code out} (left open by nothing: closing the writer closes it), header first. */
    public static CsvWriter to(Writer out, String... header) throws IOException {
        return new CsvWriter(out, header);
    }

    /** One record; values are written as {@link String#valueOf(Object)}, null as an empty field. */
    public void row(Object... values) throws IOException {
        printer.printRecord(values);
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
