package dev.polity.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the CSV reader over generated input: any bytes, and tables written by the RFC 4180 rules. */
class CsvReaderPropertiesTest {
    /** Bytes that matter to the reader, with bytes of UTF-8 sequences (and of broken ones) among them. */
    private static final byte[] ALPHABET = {',', '"', '\n', '\r', 'a', '1', '-', ' ', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF,
        (byte) 0xC3, (byte) 0xA9, (byte) 0xE9, (byte) 0xF0, (byte) 0x9F, (byte) 0x80, (byte) 0xFF};

    @Provide
    Arbitrary<byte[]> csvLikeBytes() {
        Arbitrary<Byte> interesting = Arbitraries.of(box(ALPHABET));
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(
                        Tuple.of(4, interesting),
                        Tuple.of(1, any))
                .list().ofMaxSize(200)
                .map(CsvReaderPropertiesTest::unbox);
    }

    /** The outcome of reading: every header name, row line and cell, or the one-line error. */
    static String outcome(Supplier<CsvReader> open) {
        StringBuilder sb = new StringBuilder();
        try (CsvReader r = open.get()) {
            sb.append(r.header().names()).append('@').append(r.header().line()).append('\n');
            while (r.next()) {
                CsvTable.Row row = r.row();
                sb.append(row.line()).append(':').append(row.values());
                for (int c = 0; c < r.header().size(); c++) {
                    long v = r.wholeNumber(c, Long.MIN_VALUE);
                    sb.append(v == Long.MIN_VALUE ? "" : "#" + v);
                }
                sb.append('\n');
            }
        } catch (InvalidInputException e) {
            sb.append("error ").append(e.oneLine());
        }
        return sb.toString();
    }

    @Property(tries = 2000)
    void anyBytesGiveRowsOrAnInputErrorAndNothingElse(@ForAll("csvLikeBytes") byte[] bytes) {
        byte[] original = bytes.clone();
        for (CsvReader.ShortRows mode : CsvReader.ShortRows.values()) {
            String out = outcome(() -> CsvReader.of("f.csv", bytes, mode));
            assertThat(outcome(() -> CsvReader.of("f.csv", bytes, mode))).as("the same again").isEqualTo(out);
        }
        assertThat(bytes).as("the caller's bytes are left alone").isEqualTo(original);
    }

    @Property(tries = 300)
    void readingThroughATinyBufferGivesWhatReadingWholeGives(@ForAll("csvLikeBytes") byte[] bytes,
                                                             @ForAll @IntRange(min = 1, max = 7) int buffer) throws IOException {
        Path file = Files.createTempFile("csv-property", ".csv");
        try {
            Files.write(file, bytes);
            for (CsvReader.ShortRows mode : CsvReader.ShortRows.values()) {
                String whole = outcome(() -> CsvReader.of(file.toString(), bytes, mode));
                String streamed = outcome(() -> CsvReader.open(file, mode, buffer));
                assertThat(streamed).isEqualTo(whole);
            }
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> cell = Arbitraries.strings().withChars("ab ,\"\n\r\u00e9\u4e16").ofMaxLength(6)
                .injectDuplicates(0.1);
        return Arbitraries.integers().between(1, 4).flatMap(width ->
                cell.list().ofSize(width).list().ofMaxSize(8));
    }

    @Property(tries = 500)
    void tablesWrittenByTheRulesReadBackWithTheirLines(@ForAll("tables") List<List<String>> rows) {
        int width = rows.isEmpty() ? 1 : rows.get(0).size();
        StringBuilder text = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            header.add("c" + c);
        }
        text.append(String.join(",", header)).append("\r\n");
        for (List<String> row : rows) {
            List<String> quoted = new ArrayList<>();
            for (String cell : row) {
                quoted.add(cell.isEmpty() || cell.matches("(?s).*[,\"\r\n].*") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
            }
            text.append(String.join(",", quoted)).append(text.length() % 2 == 0 ? "\n" : "\r\n");
        }
        List<Integer> expectedLines = physicalLines(text.toString(), rows.size());
        CsvTable t = CsvTable.parse("t.csv", text.toString());
        assertThat(t.header().names()).isEqualTo(header);
        assertThat(t.rows()).hasSize(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            assertThat(t.rows().get(r).values()).isEqualTo(rows.get(r));
        }
        assertThat(t.rows().stream().map(CsvTable.Row::line).toList()).isEqualTo(expectedLines);
    }

    /** The line each record after the header starts on, counting LF, CRLF and a lone CR once each. */
    private static List<Integer> physicalLines(String text, int records) {
        List<Integer> out = new ArrayList<>();
        int line = 1;
        boolean quoted = false;
        boolean atStart = false;
        for (int i = 0; i < text.length() && out.size() < records; i++) {
            char c = text.charAt(i);
            if (atStart) {
                out.add(line);
                atStart = false;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                line++;
                atStart = !quoted;
            }
        }
        return out;
    }

    private static Byte[] box(byte[] b) {
        Byte[] out = new Byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i];
        }
        return out;
    }

    private static byte[] unbox(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
