package dev.polity.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polity.input.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsersTest {
    @TempDir
    Path dir;

    private static final String HEADER = "# FILE NAME: x.toi\n# DATA TYPE: toi\n# NUMBER ALTERNATIVES: 4\n# NUMBER VOTERS: 6\n"
            + "# ALTERNATIVE NAME 1: One\n";

    @Test
    void readsTiesAndTruncation() {
        Profile p = PrefLibReader.parse(HEADER + "4: 3,{1,2},4\n2: 2\n", "x.toi");
        assertEquals(List.of(1, 2, 3, 4), p.items());
        assertEquals(6, p.voters(), 0);
        Ballot b = p.ballots().get(0);
        assertEquals(3, b.tiers().length);
        assertArrayEquals(new int[] {0, 1}, b.tiers()[1]);
        assertArrayEquals(new int[] {1, 1, 0, 2}, b.positions(4));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "4: 3,{1,2,4\\n2: 2 | x.toi:6: '{' without a closing '}'",
            "4: 3,1,5\\n2: 2 | x.toi:6: alternative 5 is outside 1..4",
            "4: 3,1,3\\n2: 2 | x.toi:6: alternative 3 appears twice in one order",
            "four: 3,1\\n2: 2 | x.toi:6: expected a count before ':', got 'four'",
            "4 3,1\\n2: 2 | x.toi:6: expected 'count: order' (e.g. '3: 2,1,{3,4}'), got '4 3,1'",
            "4: 3,1\\n1: 2 | x.toi:4: NUMBER VOTERS says 6 but the ballot counts add up to 5",
            "4: 3,x\\n2: 2 | x.toi:6: expected an alternative number, got 'x'",
            "4: 3,1,\\n2: 2 | x.toi:6: the order ends with ','",
            "2.5: 3,1\\n2: 2 | x.toi:6: expected a count before ':', got '2.5'",
            "0: 3,1\\n2: 2 | x.toi:6: the count must be a whole number from 1 to 2147483647, got 0",
    })
    void prefLibErrorsNameFileAndLine(String body, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PrefLibReader.parse(HEADER + body.replace("\\n", "\n"), "x.toi"));
        assertEquals(message, e.oneLine());
    }

    @Test
    void pairwiseKeepsIdsAsWrittenAndCountsTies() {
        Comparisons c = PairwiseReader.parse("winner,loser,tie,country\n10,2,0,DE\n2,10,1,FR\n\"10\",3,,DE\n", "p.csv");
        assertEquals(List.of(2, 3, 10), c.items());
        PairCounts counts = c.counts();
        assertArrayEquals(new double[] {0.5, 0, 2.5}, counts.wins(), 1e-12);
        assertEquals(List.of("DE", "FR"), List.copyOf(c.groupCounts(List.of("country")).keySet()));
        Comparisons s = PairwiseReader.parse("winner,loser\nb,a\n010,b\n", "p.csv");
        assertEquals(List.of("b", "a", "010"), s.items());
    }

    @Test
    void pairwiseIdsTurnToTextWhereTheFileStopsWritingNumbers() {
        Comparisons c = PairwiseReader.parse("winner,loser\n3,1\n1,x\n", "p.csv");
        assertEquals(List.of("3", "1", "x"), c.items(), "as written, in order of first appearance");
        Comparisons big = PairwiseReader.parse("winner,loser\n10000000000,5\n 5 ,-7\n", "p.csv");
        assertEquals(List.of(-7, 5, 10_000_000_000L), big.items(), "numbers beyond int range are still numbers, ascending");
        assertArrayEquals(new int[] {2, 1}, big.winner());
    }

    @Test
    void aLargePairwiseFileReadsAsItsText() throws Exception {
        StringBuilder text = new StringBuilder("\uFEFFwinner,loser\r\n");
        Random random = new Random(7);
        for (int r = 0; r < 40_000; r++) {
            int a = random.nextInt(300);
            text.append(a).append(',').append(a + 1 + random.nextInt(50)).append(r % 3 == 0 ? "\r\n" : "\n");
        }
        Path file = Files.writeString(dir.resolve("big.csv"), text);
        Comparisons fromFile = PairwiseReader.read(file);
        Comparisons fromText = PairwiseReader.parse(text.toString(), file.toString());
        assertEquals(40_000, fromFile.size());
        assertEquals(fromText.items(), fromFile.items());
        assertArrayEquals(fromText.winner(), fromFile.winner());
        assertArrayEquals(fromText.loser(), fromFile.loser());
    }

    @Test
    void aPrefLibCountTooLargeIsItsOwnLinesError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PrefLibReader.parse(HEADER + "12345678901234567890123: 3,1\n2: 2\n", "x.toi"));
        assertEquals("x.toi:6: the count must be a whole number from 1 to 2147483647, got 12345678901234567890123", e.oneLine());
    }

    @Test
    void aPrefLibFileThatIsNotUtf8NamesTheLine() throws Exception {
        Path file = dir.resolve("x.soc");
        Files.write(file, (HEADER + "# ALTERNATIVE NAME 2: Caf").getBytes(StandardCharsets.UTF_8));
        Files.write(file, new byte[] {(byte) 0xE9, '\n'}, StandardOpenOption.APPEND);
        assertEquals(file + ":6: expected UTF-8 text, found the byte 0xE9 (save the file as UTF-8)",
                assertThrows(InvalidInputException.class, () -> PrefLibReader.read(file)).oneLine());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "winner,loser\\na,b\\na | p.csv:3: expected 2 fields as in the header, got 1",
            "win,lose\\na,b | p.csv:1: expected a header with columns 'winner,loser' (optional: rater,weight,tie,attributes...)",
            "winner,loser,weight\\na,b,-1 | p.csv:2: column 'weight': expected a positive number, got '-1'",
            "winner,loser,tie\\na,b,maybe | p.csv:2: column 'tie': expected 1/0, true/false or yes/no, got 'maybe'",
            "winner,loser\\na,a | p.csv:2: an item cannot be compared with itself ('a')",
            "winner,loser\\n\"a,b | p.csv:2: malformed CSV: a quoted field starts on this line and is never closed",
            "winner,loser | p.csv:2: no comparisons: expected a header 'winner,loser' and at least one row",
    })
    void pairwiseErrorsNameFileAndLine(String text, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PairwiseReader.parse(text.replace("\\n", "\n"), "p.csv"));
        assertEquals(message, e.oneLine());
    }

    @Test
    void ballotCsvWithAttributes() {
        Profile p = BallotCsvReader.parse("ranking,count,country\n\"a > b = c\",2,DE\nc>a,1,FR\n", "b.csv");
        assertEquals(List.of("a", "b", "c"), p.items());
        assertEquals(List.of("DE", "FR"), List.copyOf(p.groups(List.of("country")).keySet()));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BallotCsvReader.parse("ranking\na>>b\n", "b.csv"));
        assertEquals("b.csv:2: ranking 'a>>b': expected items separated by '>' or '='", e.oneLine());
    }

    @Test
    void ballotAttributesKeepTheirColumnOrder() {
        // the names reach "--groups: ... attributes are [...]" messages, which must not depend on the hash seed
        Profile p = BallotCsvReader.parse("ranking,region,age,country,bracket\na>b,N,30,DE,x\n", "b.csv");
        assertEquals(List.of("region", "age", "country", "bracket"), List.copyOf(p.ballots().get(0).attributes().keySet()));
    }

    /** A file's data type is a promise about every order: .soc is strict and complete, .soi strict, .toc complete. */
    @Test
    void ordersKeepTheirFilesPromise() {
        String head = "# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 5\n";
        assertEquals("x.soc:4: a soc order ranks all 3 alternatives, but this one ranks 2 (incomplete orders belong in a soi or toi file)",
                assertThrows(InvalidInputException.class, () -> PrefLibReader.parse(head + "3: 1,2,3\n2: 2,3\n", "x.soc")).oneLine());
        assertEquals("x.soi:3: a soi order has no ties, but this one ties 2 alternatives in braces (ties belong in a toc or toi file)",
                assertThrows(InvalidInputException.class, () -> PrefLibReader.parse(head + "3: 1,{2,3}\n2: 2\n", "x.soi")).oneLine());
        // the header's DATA TYPE speaks for the file whatever its name
        assertEquals(5, PrefLibReader.parse("# DATA TYPE: toi\n" + head + "3: 1,{2,3}\n2: 2\n", "x.soc").voters(), 0);
        assertEquals(5, PrefLibReader.parse(head + "3: 1,{2,3}\n2: 2,3,1\n", "x.toc").voters(), 0);
    }
}
