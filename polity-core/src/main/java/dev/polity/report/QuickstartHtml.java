package dev.polity.report;

import dev.polity.input.Diagnostic;
import dev.polity.norms.Constitution;
import dev.polity.norms.Lint;
import dev.polity.norms.Norm;
import dev.polity.norms.Resolution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The quickstart page ({@code polity quickstart}): for each context, how many norms apply, which are overridden
 * and which gaps remain; a topic × context matrix of which kind of norm governs each topic where; then the
 * sections the command adds (the example suite, the real-data checks).
 */
public final class QuickstartHtml {
    private QuickstartHtml() {
    }

    /** A section after the constitution summary: its heading and an HTML fragment. */
    public record Section(String title, String html) {
    }

    /** How a context is named in every form of the summary: {@code DE-BY / healthcare / minor}, {@code *} for none. */
    public static String contextLabel(Resolution r) {
        return r.context().jurisdiction() + " / " + (r.context().domain() == null ? "*" : r.context().domain())
                + " / " + (r.context().audience() == null ? "*" : r.context().audience());
    }

    public static String render(Constitution c, Lint.Report lint, List<Resolution> results, List<Section> sections) {
        TreeSet<String> topics = new TreeSet<>();
        for (Resolution r : results) {
            r.overridden().forEach(o -> topics.add(o.norm().topic()));
            r.gaps().forEach(g -> topics.add(g.topic()));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<h1>").append(Html.escape(c.name())).append(" <small>").append(Html.escape(c.version())).append("</small></h1>");
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
            sb.append("<th>").append(Html.escape(contextLabel(r))).append("</th>");
        }
        sb.append("</tr>");
        for (String topic : topics) {
            sb.append("<tr><th>").append(Html.escape(topic)).append("</th>");
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
                    sb.append("<td class=\"").append(Html.escape(n.kind().yamlName())).append("\" title=\"")
                            .append(Html.escape(String.join(", ", governing.keySet()))).append("\">")
                            .append(Html.escape(n.kind().yamlName().replace('_', ' '))).append(" <small>(").append(Html.escape(n.tier())).append(")</small></td>");
                }
            }
            sb.append("</tr>");
        }
        sb.append("</table>");
        sb.append("<h2>Per context</h2><table><tr><th>context</th><th>applies</th><th>overridden</th><th>gaps</th><th>how conflicts were settled</th></tr>");
        for (Resolution r : results) {
            sb.append("<tr><td>").append(Html.escape(contextLabel(r))).append("</td><td>").append(r.norms().size()).append("</td><td>")
                    .append(r.overridden().size()).append("</td><td>").append(r.gaps().size()).append("</td><td><ul>");
            for (Resolution.Overridden o : r.overridden()) {
                sb.append("<li><code>").append(Html.escape(o.by().id())).append("</code> over <code>").append(Html.escape(o.norm().id()))
                        .append("</code>: ").append(Html.escape(o.reason())).append("</li>");
            }
            for (Resolution.Gap g : r.gaps()) {
                sb.append("<li>gap on <code>").append(Html.escape(g.topic())).append("</code>, decided by ").append(Html.escape(g.residualAuthority())).append("</li>");
            }
            sb.append("</ul></td></tr>");
        }
        sb.append("</table><h2>Lint</h2><ul>");
        for (Diagnostic d : lint.findings()) {
            if (d.severity() != Diagnostic.Severity.INFO) {
                sb.append("<li>").append(Html.escape(d.toString())).append("</li>");
            }
        }
        sb.append("</ul>");
        sections.forEach(x -> sb.append("<h2>").append(Html.escape(x.title())).append("</h2>").append(x.html()));
        return Html.page("Polity quickstart", sb.toString());
    }
}
