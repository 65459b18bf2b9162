package dev.polity.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one set of CSV rules (CsvReader's javadoc), case by case, through files as the commands read them. */
class CsvTableTest {
    @TempDir
    Path dir;

    Path write(String name, String body) throws Exception {
        return Files.writeString(dir.resolve(name), body);
    }

    Path bytes(String name, byte[]... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    String error(Path file) {
        return assertThrows(InvalidInputException.class, () -> CsvTable.read(file)).oneLine();
    }

    static List<List<String>> cells(CsvTable t) {
        return t.rows().stream().map(CsvTable.Row::values).toList();
    }

    static List<Integer> lines(CsvTable t) {
        return t.rows().stream().map(CsvTable.Row::line).toList();
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws Exception {
        CsvTable t = CsvTable.read(write("q.csv", "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\nplain,\"two\nlines\",3\n"));
        assertEquals(List.of(List.of("x, y", "say \"hi\"", ""), List.of("plain", "two\nlines", "3")), cells(t));
        assertEquals(List.of(2, 3), lines(t));
    }

    @Test
    void rowsRememberThePhysicalLineTheyStartOn() throws Exception {
        CsvTable t = CsvTable.read(write("a.csv", "text,label\n\"two\nlines\",1\n\n\"three\n\nlines\",2\nlast,3"));
        assertEquals(List.of(2, 5, 8), lines(t));
        assertEquals("two\nlines", t.rows().get(0).text(0));
        assertEquals("last", t.rows().get(2).text(0), "the last record needs no line break");
    }

    @Test
    void crlfAndLoneCrEndRecordsAndCountAsOneLineEach() throws Exception {
        CsvTable t = CsvTable.read(write("crlf.csv", "a,b\r\n1,2\r\n\"x\r\ny\",3\r4,5\r\n"));
        assertEquals(List.of(List.of("1", "2"), List.of("x\r\ny", "3"), List.of("4", "5")), cells(t));
        assertEquals(List.of(2, 3, 5), lines(t));
    }

    @Test
    void aByteOrderMarkIsDropped() throws Exception {
        Path bom = bytes("bom.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("prompt,answer\nhi,there\n"));
        CsvTable t = CsvTable.read(bom);
        assertEquals(List.of("prompt", "answer"), t.header().names());
        assertEquals(0, t.column("prompt"));
        assertEquals(List.of(List.of("hi", "there")), cells(t));
    }

    @Test
    void anEmptyFileHasNoHeader() throws Exception {
        String expected = ":1: empty file: expected a header row naming the columns";
        assertEquals(dir.resolve("e.csv") + expected, error(write("e.csv", "")));
        assertEquals(dir.resolve("blank.csv") + expected, error(write("blank.csv", "\n\r\n\n")));
        assertEquals(dir.resolve("b.csv") + expected, error(bytes("b.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})));
    }

    @Test
    void aHeaderAloneHasNoRows() throws Exception {
        CsvTable t = CsvTable.read(write("h.csv", "\n\nwinner, loser \n"));
        assertEquals(List.of("winner", "loser"), t.header().names(), "names are stripped");
        assertEquals(3, t.header().line());
        assertTrue(t.rows().isEmpty());
    }

    @Test
    void aColumnNamedTwiceIsAnErrorNamingBoth() throws Exception {
        assertEquals(dir.resolve("d.csv") + ":1: duplicate column 'Vote' in the header (columns 2 and 4)",
                error(write("d.csv", "id,vote,when,Vote\n1,1,2,1\n")));
        CsvTable unnamed = CsvTable.read(write("u.csv", ",,text\n0,1,a\n"));
        assertEquals(2, unnamed.column("TEXT"), "names are found ignoring case; unnamed columns may repeat");
    }

    @Test
    void aMissingColumnListsTheColumns() throws Exception {
        CsvTable t = CsvTable.read(write("c.csv", "text,label\nok,1\n"));
        assertEquals(dir.resolve("c.csv") + ":1: --text-column: no column 'answer'; the columns are text, label",
                assertThrows(InvalidInputException.class, () -> t.column("answer", "--text-column")).oneLine());
        assertEquals(dir.resolve("c.csv") + ":1: no column 'answer'; the columns are text, label",
                assertThrows(InvalidInputException.class, () -> t.column("answer")).oneLine());
        assertEquals(1, t.header().find("answer", "label"));
        assertEquals(-1, t.header().find("answer"));
    }

    @Test
    void raggedRowsAreErrorsNamingTheLineUnlessShortRowsArePadded() throws Exception {
        Path shortRow = write("s.csv", "text,label\nok,1\nonly-one\n");
        assertEquals(shortRow + ":3: expected 2 fields as in the header, got 1", error(shortRow));
        Path longRow = write("l.csv", "a,b\n\"x\ny\",1,2\n");
        assertEquals(longRow + ":2: expected 2 fields as in the header, got 3", error(longRow));
        CsvTable padded = CsvTable.read(shortRow, CsvReader.ShortRows.PAD);
        assertEquals(List.of(List.of("ok", "1"), List.of("only-one", "")), cells(padded));
        assertEquals(longRow + ":2: expected 2 fields as in the header, got 3",
                assertThrows(InvalidInputException.class, () -> CsvTable.read(longRow, CsvReader.ShortRows.PAD)).oneLine());
    }

    @Test
    void bytesThatAreNotUtf8NameTheirLine() throws Exception {
        Path latin1 = bytes("l1.csv", utf8("name,city\nann,Berlin\nbob,K"), new byte[] {(byte) 0xF6}, utf8("ln\n"));
        assertEquals(latin1 + ":3: expected UTF-8 text, found the byte 0xF6 (save the file as UTF-8)", error(latin1));
        Path inQuotes = bytes("q.csv", utf8("name,note\nann,\"first\nsecond \u00e9 fine\nthird "), new byte[] {(byte) 0xE9}, utf8("\"\n"));
        assertEquals(inQuotes + ":4: expected UTF-8 text, found the byte 0xE9 (save the file as UTF-8)", error(inQuotes));
        Path header = bytes("h.csv", utf8("na"), new byte[] {(byte) 0xFF}, utf8("me\nx\n"));
        assertEquals(header + ":1: expected UTF-8 text, found the byte 0xFF (save the file as UTF-8)", error(header));
        Path utf16 = bytes("u16.csv", new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0, '\n', 0});
        assertTrue(error(utf16).startsWith(utf16 + ":1: expected UTF-8 text"));
    }

    @Test
    void textKeepsEveryCharacterOutsideAscii() throws Exception {
        CsvTable t = CsvTable.read(write("u.csv", "text\n\"Gr\u00fc\u00dfe, \u4e16\u754c \uD83D\uDE00\"\n"));
        assertEquals("Gr\u00fc\u00dfe, \u4e16\u754c \uD83D\uDE00", t.rows().get(0).text(0));
    }

    @Test
    void aVeryLongFieldIsReadWholeAcrossTheReadBuffer() throws Exception {
        String big = "x\"y,\n".repeat(300_000);
        String quoted = "\"" + big.replace("\"", "\"\"") + "\"";
        CsvTable t = CsvTable.read(write("big.csv", "id,text\n1," + quoted + "\n2,after\n"));
        assertEquals(big, t.rows().get(0).text(1));
        assertEquals(3 + 300_000, t.rows().get(1).line(), "the field holds 300,000 line breaks");
    }

    @Test
    void malformedQuotingNamesTheLine() throws Exception {
        Path open = write("o.csv", "text,label\nok,1\n\"unclosed,2\nmore\n");
        assertEquals(open + ":3: malformed CSV: a quoted field starts on this line and is never closed", error(open));
        Path after = write("a.csv", "text,label\n\"two\nlines\"x,1\n");
        assertEquals(after + ":3: malformed CSV: expected ',' or the end of the line after a closing quote, got 'x'", error(after));
        CsvTable inside = CsvTable.read(write("i.csv", "text\nsix \"feet\" tall\n"));
        assertEquals("six \"feet\" tall", inside.rows().get(0).text(0), "a quote inside an unquoted field is kept");
    }

    @Test
    void typedCellsNameFileLineAndColumn() throws Exception {
        CsvTable t = CsvTable.read(write("t.csv", "n,x,w\n 7 , 2.5e1 ,3\n9999999999,NaN,-1\n"));
        CsvTable.Row good = t.rows().get(0);
        CsvTable.Row bad = t.rows().get(1);
        assertEquals(7, good.integer(0));
        assertEquals(25.0, good.number(1));
        assertEquals(3.0, good.positiveNumber(2));
        assertEquals(9_999_999_999L, bad.longInteger(0));
        Path f = dir.resolve("t.csv");
        assertEquals(f + ":3: column 'n': expected a whole number from -2147483648 to 2147483647, got '9999999999'",
                assertThrows(InvalidInputException.class, () -> bad.integer(0)).oneLine());
        assertEquals(f + ":3: column 'x': expected a number, got 'NaN'", assertThrows(InvalidInputException.class, () -> bad.number(1)).oneLine());
        assertEquals(f + ":3: column 'w': expected a positive number, got '-1'",
                assertThrows(InvalidInputException.class, () -> bad.positiveNumber(2)).oneLine());
        assertEquals(f + ":2: column 'x': expected a whole number, got '2.5e1'",
                assertThrows(InvalidInputException.class, () -> good.longInteger(1)).oneLine());
    }

    @Test
    void wholeNumbersAreReadFromTheBytes() {
        try (CsvReader r = CsvReader.of("n.csv", "a,b,c,d,e,f,g,h\n0,-12, 42 ,007,-0,+1,1234567890123456789,x1\n")) {
            assertTrue(r.next());
            long none = Long.MIN_VALUE;
            assertEquals(0, r.wholeNumber(0, none));
            assertEquals(-12, r.wholeNumber(1, none));
            assertEquals(42, r.wholeNumber(2, none), "spaces around are allowed");
            for (int c = 3; c < 8; c++) {
                assertEquals(none, r.wholeNumber(c, none), "column " + c + " is not a plainly written whole number");
            }
            assertFalse(r.next());
        }
    }

    @Test
    void filesThatCannotBeOpenedAreNamed() throws Exception {
        Path none = dir.resolve("none.csv");
        assertEquals(none + ": no such file", error(none));
        assertEquals(dir + ": expected a CSV file, found a folder", error(dir));
    }
}
