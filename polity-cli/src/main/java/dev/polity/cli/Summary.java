package dev.polity.cli;

import dev.polity.norms.Constitution;
import dev.polity.input.Diagnostic;
import dev.polity.norms.Lint;
import dev.polity.norms.Resolution;
import dev.polity.report.QuickstartHtml;
import java.util.List;
import java.util.Locale;

/**
 * The quickstart's summary for the terminal and in Markdown: for each context, how many norms apply, which are
 * overridden and which gaps remain. The HTML page is {@link QuickstartHtml}.
 */
final class Summary {
    private Summary() {
    }

    static String terminal(Constitution c, Lint.Report lint, List<Resolution> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s %s: %s, %s, %s (%d settled differently by place), %s%n%n",
                c.name(), c.version(), Tables.count(c.norms().size(), "norm"), Tables.count(c.files().size(), "file"),
                Tables.count(lint.conflicts().size(), "conflict"), lint.conflicts().stream().filter(Lint.Conflict::variesByContext).count(),
                Tables.count(lint.count(Diagnostic.Severity.WARNING), "warning")));
        sb.append(String.format(Locale.ROOT, "%-42s %7s %10s %5s%n", "context", "applies", "overridden", "gaps"));
        for (Resolution r : results) {
            sb.append(String.format(Locale.ROOT, "%-42s %7d %10d %5d%n", label(r), r.norms().size(), r.overridden().size(), r.gaps().size()));
        }
        return sb.toString();
    }

    static String markdown(Constitution c, Lint.Report lint, List<Resolution> results, List<QuickstartSection> sections) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(c.name()).append(" (").append(c.version()).append(")\n\n");
        sb.append(Tables.count(c.norms().size(), "norm")).append(" from ").append(Tables.count(c.files().size(), "file")).append("; ")
                .append(Tables.count(lint.conflicts().size(), "conflict")).append(", of which ")
                .append(lint.conflicts().stream().filter(Lint.Conflict::variesByContext).count())
                .append(" are settled differently in different places; ")
                .append(Tables.count(lint.count(Diagnostic.Severity.WARNING), "lint warning")).append(".\n\n");
        sb.append("| context | applies | overridden | gaps |\n|---|---:|---:|---:|\n");
        for (Resolution r : results) {
            sb.append("| ").append(label(r)).append(" | ").append(r.norms().size()).append(" | ")
                    .append(r.overridden().size()).append(" | ").append(r.gaps().size()).append(" |\n");
        }
        for (Resolution r : results) {
            sb.append("\n## ").append(label(r)).append("\n\n");
            for (Resolution.Overridden o : r.overridden()) {
                sb.append("- `").append(o.norm().id()).append("` is overridden by `").append(o.by().id()).append("`: ")
                        .append(o.reason()).append('\n');
            }
            for (Resolution.Gap g : r.gaps()) {
                sb.append("- gap on `").append(g.topic()).append("`: ")
                        .append(String.join(" vs ", g.norms().stream().map(n -> "`" + n.id() + "`").toList()))
                        .append(" — decided by ").append(g.residualAuthority()).append('\n');
            }
            if (r.overridden().isEmpty() && r.gaps().isEmpty()) {
                sb.append("No conflicts arise here.\n");
            }
        }
        sb.append("\n## Lint\n\n");
        for (Diagnostic d : lint.findings()) {
            if (d.severity() != Diagnostic.Severity.INFO) {
                sb.append("- ").append(d).append('\n');
            }
        }
        sections.forEach(x -> sb.append(x.markdownSection()));
        return sb.toString();
    }

    static String label(Resolution r) {
        return QuickstartHtml.contextLabel(r);
    }
}
