package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.choice.Rule;
import dev.polity.eval.Probes;
import dev.polity.input.PluginInfo;
import dev.polity.input.PluginRegistry;
import dev.polity.judge.Detectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --help} lists every registered probe and detector with each parameter it reads, and every voting rule, from the registries. */
class PluginHelpTest {
    @ParameterizedTest
    @CsvSource({"eval run, probes", "norms lint, detectors"})
    void helpListsEveryPluginAndItsParametersInRegistryOrder(String command, String kind) {
        CliRun r = CliRun.of((command + " --help").split(" "));
        assertEquals(0, r.exit(), r.err());
        PluginRegistry<?> registry = kind.equals("probes") ? Probes.REGISTRY : Detectors.REGISTRY;
        String footer = r.out().substring(r.out().indexOf("(docs/"));
        int last = -1;
        for (PluginInfo i : registry.infos()) {
            int at = footer.indexOf("\n  " + i.name() + " ");
            assertTrue(at > last, i.name() + " not listed after the one before it:\n" + footer);
            last = at;
            for (PluginInfo.Parameter p : i.parameters()) {
                assertTrue(footer.indexOf(" " + p.name() + ": ", at) > at, i.name() + " lacks " + p.name() + ":\n" + footer);
            }
        }
        registry.common().forEach(p -> assertTrue(footer.contains(" " + p.name() + ": "), p.name() + ":\n" + footer));
        r.out().lines().forEach(l -> assertTrue(l.length() <= 80, "wider than the usage: " + l));
    }

    @Test
    void aggregateHelpNamesEveryVotingRule() {
        CliRun r = CliRun.of("aggregate", "--help");
        assertEquals(0, r.exit(), r.err());
        String names = String.join(", ", Rule.all().stream().map(Rule::id).toList());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("--rule=<rule> " + names + " or all"), r.out());
    }
}
