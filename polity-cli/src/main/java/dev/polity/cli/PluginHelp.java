package dev.polity.cli;

import dev.polity.eval.Probes;
import dev.polity.input.PluginInfo;
import dev.polity.input.PluginRegistry;
import dev.polity.judge.Detectors;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * The probes and detectors as {@code --help} lists them: read from their registries, where each plugin
 * describes itself once, so the help says what the code does.
 */
final class PluginHelp {
    private static final int NAME_WIDTH = 18;

    private PluginHelp() {
    }

    /** Adds the lists under {@code polity eval run --help} and {@code polity norms lint --help}. */
    static void addTo(CommandLine polity) {
        footer(polity.getSubcommands().get("eval").getSubcommands().get("run"),
                "Probes a suite may list (docs/EVALUATION.md)", Probes.REGISTRY, "every probe");
        footer(polity.getSubcommands().get("norms").getSubcommands().get("lint"),
                "Detectors a norm's checks may name, with the parameters each reads (docs/JUDGING.md)", Detectors.REGISTRY, "every check");
    }

    private static void footer(CommandLine command, String heading, PluginRegistry<?> registry, String everyOne) {
        // usage texts are format strings: a literal % is written %%
        CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        usage.footerHeading("%n" + heading + ":%n").footer(text(registry, everyOne, usage.width()).replace("%", "%%"));
    }

    /** Per plugin its name and what it does, a line per parameter and its source; the common parameters last. */
    static String text(PluginRegistry<?> registry, String everyOne, int width) {
        TextTable t = TextTable.forColumns(CommandLine.Help.defaultColorScheme(Ansi.OFF),
                new Column(NAME_WIDTH, 2, Column.Overflow.SPAN), new Column(width - NAME_WIDTH, 0, Column.Overflow.WRAP));
        for (PluginInfo i : registry.infos()) {
            t.addRowValues(i.name(), i.description());
            parameters(t, i.parameters());
            t.addRowValues("", "  source: " + i.source());
        }
        t.addRowValues(everyOne, "");
        parameters(t, registry.common());
        return t.toString();
    }

    private static void parameters(TextTable t, List<PluginInfo.Parameter> ps) {
        for (PluginInfo.Parameter p : ps) {
            t.addRowValues("", "  " + p.name() + ": " + p.description() + " (" + p.type()
                    + (p.defaultValue() == null ? "" : "; default: " + p.defaultValue()) + ")");
        }
    }
}
