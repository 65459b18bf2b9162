package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {
    @Test
    void countsSayOneInTheSingular() {
        assertEquals("0 warnings", Tables.count(0, "warning"));
        assertEquals("1 warning", Tables.count(1, "warning"));
        assertEquals("2 opinion groups", Tables.count(2, "opinion group"));
    }

    @Test
    void columnsAlignWhateverTheWidthOfEachCell() {
        String table = Tables.columns(List.of(
                List.of("20260101-000000-aaaaaa", "Quickstart", "18/18 answered", "[replay:q.csv]"),
                List.of("20260101-000001-bbbbbb", "Counterfactual fairness (example)", "3/8 answered (resumable)", "[openai:m]")));
        assertEquals("""
                20260101-000000-aaaaaa  Quickstart                         18/18 answered            [replay:q.csv]
                20260101-000001-bbbbbb  Counterfactual fairness (example)  3/8 answered (resumable)  [openai:m]
                """, table);
    }
}
