package dev.polity.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polity.input.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsersTest {
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "winner,loser\\na,b\\na | p.csv:3: expected 2 fields like the header, got 1",
            "win,lose\\na,b | p.csv:1: expected a header with columns 'winner,loser' (optional: rater,weight,tie,attributes...)",
            "winner,loser,weight\\na,b,-1 | p.csv:2: column 'weight': expected a positive number, got '-1'",
            "winner,loser,tie\\na,b,maybe | p.csv:2: column 'tie': expected 1/0, true/false or yes/no, got 'maybe'",
            "winner,loser\\na,a | p.csv:2: an item cannot be compared with itself ('a')",
            "winner,loser\\n\"a,b | p.csv:2: unterminated quoted field",
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
}
