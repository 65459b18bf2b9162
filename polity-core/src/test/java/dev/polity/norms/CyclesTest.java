package dev.polity.norms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CyclesTest {
    @Test
    void oneShortestCyclePerKnotFromItsSmallestName() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("c", List.of("a"));
        g.put("a", List.of("b"));
        g.put("b", List.of("c", "a"));   // a <-> b is the shortest cycle through a in the knot {a, b, c}
        g.put("x", List.of("y", "a"));   // leads into the knot, is not part of it
        g.put("y", List.of("missing"));  // a target that is no key leads nowhere
        g.put("s", List.of("s"));        // a self-loop is a cycle
        assertThat(Cycles.of(g)).containsExactly(List.of("a", "b", "a"), List.of("s", "s"));
    }

    @Test
    void aDagHasNone() {
        assertThat(Cycles.of(Map.of("a", List.of("b", "c"), "b", List.of("c"), "c", List.of()))).isEmpty();
    }

    @Test
    void aLongChainDoesNotOverflowTheStack() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            g.put(String.format(java.util.Locale.ROOT, "n%06d", i), List.of(String.format(java.util.Locale.ROOT, "n%06d", (i + 1) % n)));
        }
        List<List<String>> cycles = Cycles.of(g);
        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0)).hasSize(n + 1).startsWith("n000000", "n000001").endsWith("n199999", "n000000");
    }
}
