package dev.polity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.choice.Rule;
import dev.polity.eval.Probes;
import dev.polity.input.PluginInfo;
import dev.polity.input.PluginRegistry;
import dev.polity.judge.Detectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The docs' tables of probes, detectors and voting rules are made from their registries, so they cannot
 * drift from the code. Each table sits between {@code <!-- registry:NAME -->} and {@code <!-- /registry -->}.
 * After changing a probe's or detector's {@code INFO} or a rule's description, run this test with
 * {@code -Dpolity.docs.write=true} to rewrite the tables, and commit the docs with the code.
 */
class PluginDocsTest {
    static final Path REPO = Path.of(System.getProperty("polity.repo", "..")).toAbsolutePath().normalize();
    static final String END = "<!-- /registry -->";

    enum Table {
        PROBES("docs/EVALUATION.md", "probes") {
            @Override
            String render() {
                return table(List.of("probe", "items, and what they measure", "parameters", "follows"), Probes.REGISTRY, "every probe");
            }
        },
        DETECTORS("docs/JUDGING.md", "detectors") {
            @Override
            String render() {
                return table(List.of("name", "what it decides", "parameters", "follows"), Detectors.REGISTRY, "every check");
            }
        },
        CHECK_PARAMETERS("docs/CONSTITUTION.md", "check-parameters") {
            @Override
            String render() {
                List<List<String>> rows = new ArrayList<>();
                for (PluginInfo i : Detectors.REGISTRY.infos()) {
                    rows.add(List.of(code(i.name()), names(i.parameters())));
                }
                rows.add(List.of("any", names(Detectors.REGISTRY.common())));
                return markdown(List.of("detector", "params"), rows);
            }
        },
        RULES("docs/CHOICE.md", "rules") {
            @Override
            String render() {
                List<List<String>> rows = new ArrayList<>();
                for (Rule r : Rule.all()) {
                    rows.add(List.of(code(r.id()), r.info().description(), r.info().source()));
                }
                return markdown(List.of("rule", "what it does", "follows"), rows);
            }
        };

        final String file;
        final String name;

        Table(String file, String name) {
            this.file = file;
            this.name = name;
        }

        abstract String render();
    }

    static String table(List<String> header, PluginRegistry<?> registry, String everyOne) {
        List<List<String>> rows = new ArrayList<>();
        for (PluginInfo i : registry.infos()) {
            rows.add(List.of(code(i.name()), i.description(), parameters(i.parameters()), i.source()));
        }
        rows.add(List.of(everyOne, "", parameters(registry.common()), ""));
        return markdown(header, rows);
    }

    static String parameters(List<PluginInfo.Parameter> ps) {
        return ps.stream().map(p -> code(p.name()) + " (" + p.type() + (p.defaultValue() == null ? "" : "; default: " + p.defaultValue())
                + "): " + p.description()).collect(Collectors.joining("<br>"));
    }

    static String names(List<PluginInfo.Parameter> ps) {
        return ps.stream().map(p -> code(p.name())).collect(Collectors.joining(", "));
    }

    static String code(String s) {
        return "`" + s + "`";
    }

    static String markdown(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(row(header)).append("|---".repeat(header.size())).append("|\n");
        rows.forEach(r -> sb.append(row(r)));
        return sb.toString();
    }

    static String row(List<String> cells) {
        return "| " + cells.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ")) + " |\n";
    }

    @ParameterizedTest
    @EnumSource(Table.class)
    void theTableInTheDocsIsTheRegistrys(Table t) throws IOException {
        Path file = REPO.resolve(t.file);
        String doc = Files.readString(file);
        String begin = "<!-- registry:" + t.name + " -->\n";
        int from = doc.indexOf(begin);
        int to = doc.indexOf(END, from);
        assertThat(from).as(t.file + " has no " + begin.strip()).isNotNegative();
        assertThat(to).as(t.file + ": " + begin.strip() + " is not closed by " + END).isPositive();
        String written = doc.substring(from + begin.length(), to);
        String made = t.render();
        if (Boolean.getBoolean("polity.docs.write") && !written.equals(made)) {
            Files.writeString(file, doc.substring(0, from + begin.length()) + made + doc.substring(to));
            written = made;
        }
        assertThat(written).as(t.file + "'s table of " + t.name + " differs from the registry; run PluginDocsTest with "
                + "-Dpolity.docs.write=true to rewrite it").isEqualTo(made);
    }
}
