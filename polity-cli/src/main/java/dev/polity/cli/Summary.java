package dev.polity.cli;

import dev.polity.norms.Constitution;
import dev.polity.input.Diagnostic;
import dev.polity.norms.Lint;
import dev.polity.norms.Norm;
import dev.polity.norms.Resolution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The quickstart's summary: for each context, how many norms apply, which are overridden and which
 * gaps remain; and a topic × context matrix showing which kind of norm governs each topic where.
 */
final class Summary {
    private Summary() {
    }

    static String terminal(Constitution c, Lint.Report lint, List<Resolution> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s %s: %d norms, %d files, %d conflicts (%d settled differently by place), %d warnings%n%n",
                c.name(), c.version(), c.norms().size(), c.files().size(), lint.conflicts().size(),
                lint.conflicts().stream().filter(Lint.Conflict::variesByContext).count(), lint.count(Diagnostic.Severity.WARNING)));
        sb.append(String.format(Locale.ROOT, "%-42s %7s %10s %5s%n", "context", "applies", "overridden", "gaps"));
        for (Resolution r : results) {
            sb.append(String.format(Locale.ROOT, "%-42s %7d %10d %5d%n", label(r), r.norms().size(), r.overridden().size(), r.gaps().size()));
        }
        return sb.toString();
    }

    static String markdown(Constitution c, Lint.Report lint, List<Resolution> results, List<QuickstartSection> sections) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(c.name()).append(" (").append(c.version()).append(")\n\n");
        sb.append(c.norms().size()).append(" norms from ").append(c.files().size()).append(" files; ")
                .append(lint.conflicts().size()).append(" conflicts, of which ")
                .append(lint.conflicts().stream().filter(Lint.Conflict::variesByContext).count())
                .append(" are settled differently in different places; ")
                .append(lint.count(Diagnostic.Severity.WARNING)).append(" lint warnings.\n\n");
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

    static String html(Constitution c, Lint.Report lint, List<Resolution> results, List<QuickstartSection> sections) {
        TreeSet<String> topics = new TreeSet<>();
        for (Resolution r : results) {
            r.overridden().forEach(o -> topics.add(o.norm().topic()));
            r.gaps().forEach(g -> topics.add(g.topic()));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Polity quickstart</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px;color:#222}")
                .append("table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;font-size:.85rem}")
                .append("th{background:#f3f3f3;text-align:left}.must{background:#2e7d32;color:#fff}.must_not{background:#c62828;color:#fff}")
                .append(".should{background:#a5d6a7}.should_not{background:#ef9a9a}.may{background:#bbdefb}.gap{background:#ffb300}")
                .append(".none{background:#fafafa;color:#999}.legend span{padding:.2rem .5rem;margin-right:.3rem}")
                .append("</style></head><body>");
        sb.append("<h1>").append(esc(c.name())).append(" <small>").append(esc(c.version())).append("</small></h1>");
        sb.append("<p>").append(c.norms().size()).append(" norms from ").append(c.files().size()).append(" files; ")
                .append(lint.conflicts().size()).append(" conflicts, ")
                .append(lint.conflicts().stream().filter(Lint.Conflict::variesByContext).count())
                .append(" of them settled differently in different places; ")
                .append(lint.count(Diagnostic.Severity.WARNING)).append(" lint warnings.</p>");
        sb.append("<h2>Which norm governs each contested topic, by context</h2>");
        sb.append("<p class=\"legend\"><span class=\"must\">must</span><span class=\"must_not\">must not</span>")
                .append("<span class=\"should\">should</span><span class=\"should_not\">should not</span><span class=\"may\">may</span>")
                .append("<span class=\"gap\">gap</span><span class=\"none\">no norm</span></p>");
        sb.append("<table><tr><th>topic</th>");
        for (Resolution r : results) {
            sb.append("<th>").append(esc(label(r))).append("</th>");
        }
        sb.append("</tr>");
        for (String topic : topics) {
            sb.append("<tr><th>").append(esc(topic)).append("</th>");
            for (Resolution r : results) {
                Map<String, Norm> governing = new LinkedHashMap<>();
                r.norms().stream().map(Resolution.Applicable::norm).filter(n -> n.topic().equals(topic))
                        .forEach(n -> governing.put(n.id(), n));
                boolean gap = r.gaps().stream().anyMatch(g -> g.topic().equals(topic));
                if (gap) {
                    sb.append("<td class=\"gap\">gap</td>");
                } else if (governing.isEmpty()) {
                    sb.append("<td class=\"none\">—</td>");
                } else {
                    Norm n = governing.values().iterator().next();
                    sb.append("<td class=\"").append(n.kind().yamlName()).append("\" title=\"")
                            .append(esc(String.join(", ", governing.keySet()))).append("\">")
                            .append(n.kind().yamlName().replace('_', ' ')).append(" <small>(").append(esc(n.tier())).append(")</small></td>");
                }
            }
            sb.append("</tr>");
        }
        sb.append("</table>");
        sb.append("<h2>Per context</h2><table><tr><th>context</th><th>applies</th><th>overridden</th><th>gaps</th><th>how conflicts were settled</th></tr>");
        for (Resolution r : results) {
            sb.append("<tr><td>").append(esc(label(r))).append("</td><td>").append(r.norms().size()).append("</td><td>")
                    .append(r.overridden().size()).append("</td><td>").append(r.gaps().size()).append("</td><td><ul>");
            for (Resolution.Overridden o : r.overridden()) {
                sb.append("<li><code>").append(esc(o.by().id())).append("</code> over <code>").append(esc(o.norm().id()))
                        .append("</code>: ").append(esc(o.reason())).append("</li>");
            }
            for (Resolution.Gap g : r.gaps()) {
                sb.append("<li>gap on <code>").append(esc(g.topic())).append("</code>, decided by ").append(esc(g.residualAuthority())).append("</li>");
            }
            sb.append("</ul></td></tr>");
        }
        sb.append("</table><h2>Lint</h2><ul>");
        for (Diagnostic d : lint.findings()) {
            if (d.severity() != Diagnostic.Severity.INFO) {
                sb.append("<li>").append(esc(d.toString())).append("</li>");
            }
        }
        sb.append("</ul>");
        sections.forEach(x -> sb.append(x.htmlSection()));
        sb.append("</body></html>\n");
        return sb.toString();
    }

    static String label(Resolution r) {
        return r.context().jurisdiction() + " / " + (r.context().domain() == null ? "*" : r.context().domain())
                + " / " + (r.context().audience() == null ? "*" : r.context().audience());
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
