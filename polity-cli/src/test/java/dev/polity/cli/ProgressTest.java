package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Plain progress lines, as written where stderr is not a terminal: few, whole lines, at known points. */
class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong();

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aLineAtTheStartAtEachTenthAndNoneBetween() {
        try (Progress p = Progress.lines("embedding", "texts", 200, stream, now::get)) {
            for (int i = 0; i < 200; i++) {
                p.step();
            }
        }
        List<String> lines = lines();
        assertEquals(11, lines.size(), lines.toString());
        assertEquals("embedding: 0/200 texts (0%)", lines.get(0));
        assertEquals("embedding: 20/200 texts (10%)", lines.get(1));
        assertEquals("embedding: 200/200 texts (100%)", lines.get(10));
    }

    @Test
    void aNewStageIsANewLineAndANoteRidesAlong() {
        try (Progress p = Progress.lines("xstest", "texts", -1, stream, now::get)) {
            p.update("default detector", 0, 40);
            p.note("cached 3");
            p.update("default detector", 1, 40);
            p.update("training", 1, 40);
            p.update("training", 40, 40);
        }
        assertEquals(List.of("xstest: default detector: 0/40 texts (0%)", "xstest: training: 1/40 texts (2%); cached 3",
                "xstest: training: 40/40 texts (100%); cached 3"), lines());
    }

    @Test
    void openEndedWorkIsALineEveryTenSecondsWhenSomethingMoved() {
        try (Progress p = Progress.lines("deliberate", "", -1, stream, now::get)) {
            p.update("bridging fit, sweep", 1, -1);
            now.addAndGet(9_000_000_000L);
            p.update("bridging fit, sweep", 2, -1);
            now.addAndGet(1_000_000_000L);
            p.update("bridging fit, sweep", 3, -1);
            now.addAndGet(60_000_000_000L);
            p.update("bridging fit, sweep", 3, -1);
            p.update("bridging fit, sweep", 4, -1);
        }
        // nothing is known at the start, so it is silent; then a line once ten seconds have passed and the count moved
        assertEquals(List.of("deliberate: bridging fit, sweep: 1", "deliberate: bridging fit, sweep: 3", "deliberate: bridging fit, sweep: 4"),
                lines());
    }

    @Test
    void plannedWorkCanGrowAndTheEndIsNotRepeated() {
        Progress p = Progress.lines("eval Suite", "items", 4, stream, now::get);
        p.step();
        p.grow(4);
        for (int i = 0; i < 7; i++) {
            p.step();
        }
        p.close();
        p.close();
        p.step();
        List<String> lines = lines();
        assertEquals("eval Suite: 0/4 items (0%)", lines.get(0));
        assertEquals("eval Suite: 1/4 items (25%)", lines.get(1));
        assertEquals("eval Suite: 8/8 items (100%)", lines.get(lines.size() - 1));
        assertEquals(1, lines.stream().filter(l -> l.contains("(100%)")).count(), lines.toString());
    }

    @Test
    void quietIsOffAndADumbTerminalGetsLines() {
        assertEquals(ProgressMode.OFF, ProgressMode.detect(true, name -> null));
        // TERM=dumb cannot redraw a line, whatever the stream is
        assertEquals(ProgressMode.LINES, ProgressMode.detect(false, name -> name.equals("TERM") ? "dumb" : null));
    }
}
