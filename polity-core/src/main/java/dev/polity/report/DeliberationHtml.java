package dev.polity.report;

import dev.polity.deliberation.AnswerGroups;
import dev.polity.deliberation.Bridging;
import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.Pca;
import dev.polity.deliberation.PolisComparison;
import dev.polity.deliberation.Repness;
import dev.polity.deliberation.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A self-contained HTML report of a deliberation analysis ({@code polity deliberate --out}): inline SVG charts and tables, no scripts, no network. */
public final class DeliberationHtml {
    private DeliberationHtml() {
    }

    static final String[] COLOURS = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"};

    public static String of(Deliberation d) {
        Conversation c = d.conversation();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Deliberation: ").append(Html.escape(c.name()))
                .append("</title><style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 6px;font-size:13px;vertical-align:top}"
                        + "th{background:#f3f3f3}.n{text-align:right}.warn{color:#a40}</style></head><body>");
        h.append("<h1>Deliberation: ").append(Html.escape(c.name())).append("</h1>");
        long voters = java.util.stream.IntStream.range(0, c.participants().size()).filter(d::voted).count();
        long clustered = java.util.stream.IntStream.range(0, c.participants().size()).filter(i -> d.groups().group()[i] >= 0).count();
        h.append(String.format(Locale.ROOT, "<p>%d participants voted %d times on %d statements (%d analysed). %d participants clustered into "
                        + "<b>%d opinion groups</b> (silhouette by k: %s).</p>", voters, c.votes().size(), c.statements().size(),
                d.columns().length, clustered, d.groups().k(), d.groups().silhouetteByK()));
        for (String w : c.warnings()) {
            h.append("<p class=\"warn\">Warning: ").append(Html.escape(w)).append("</p>");
        }
        h.append("<h2>Opinion map</h2><p>Participants in the plane of the first two principal components, coloured by group "
                + "(grey: not clustered); black crosses are statement loadings.</p>");
        h.append(map(d));
        h.append("<h2>Representative statements per group</h2>");
        h.append("<p>As Polis selects them: statements whose agreement (or disagreement) is both likely and distinctive for the group "
                + "(z &gt; 1.2816), by repness, agrees first; &#9733; marks the group's best-agree statement.</p>");
        List<List<Repness>> top = d.topRepness(5);
        for (int g = 0; g < top.size(); g++) {
            Integer bestAgree = d.bestAgree(g).map(Repness::statement).orElse(null);
            h.append("<h3 style=\"color:").append(COLOURS[g % COLOURS.length]).append("\">Group ").append(g).append("</h3><table><tr><th>statement</th>"
                    + "<th>text</th><th>side</th><th>group rate</th><th>repness</th><th>z</th></tr>");
            for (Repness r : top.get(g)) {
                h.append(String.format(Locale.ROOT, "<tr><td>%s%s</td><td>%s</td><td>%s</td><td class=n>%.2f</td><td class=n>%.2f</td><td class=n>%.2f</td></tr>",
                        Html.escape(c.statements().get(r.statement()).id()), bestAgree != null && bestAgree == r.statement() ? " &#9733;" : "", Html.escape(c.statements().get(r.statement()).text()), r.forAgree() ? "agree" : "disagree",
                        r.forAgree() ? r.pa() : r.pd(), r.forAgree() ? r.ra() : r.rd(), r.forAgree() ? r.rat() : r.rdt()));
            }
            h.append("</table>");
        }
        h.append("<h2>Consensus and bridging</h2>");
        h.append(ranking(d, true));
        if (d.bridging() != null) {
            h.append(ranking(d, false));
        }
        PolisComparison cmp = PolisComparison.of(d);
        if (cmp != null) {
            h.append("<h2>Comparison with Polis's groups</h2>");
            h.append(String.format(Locale.ROOT, "<p>On %d participants both clustered: adjusted Rand index <b>%.3f</b>; silhouette of our groups %.3f, "
                            + "of Polis's %.3f (our projection). Projection fidelity (nearest Polis group centre in our projection vs Polis's group): ARI %.3f.</p>",
                    cmp.participants(), cmp.ari(), cmp.silhouette(), cmp.polisSilhouette(), cmp.projectionFidelity()));
            h.append("<table><tr><th>Polis group \\ ours</th>");
            for (int g = 0; g < d.groups().k(); g++) {
                h.append("<th>").append(g).append("</th>");
            }
            h.append("</tr>");
            cmp.confusion().forEach((g, counts) -> {
                h.append("<tr><th>").append(g).append("</th>");
                for (int x : counts) {
                    h.append("<td class=n>").append(x).append("</td>");
                }
                h.append("</tr>");
            });
            h.append("</table>");
        }
        h.append("<h2>Agree rates per group</h2><p>For every statement, the share of each group's votes that agree (bar), "
                + "with the group's number of votes.</p><table><tr><th>statement</th><th>text</th><th>agree rate by group</th><th>consensus</th></tr>");
        for (int j : d.columns()) {
            h.append("<tr><td>").append(Html.escape(c.statements().get(j).id())).append("</td><td>").append(Html.escape(c.statements().get(j).text()))
                    .append("</td><td>").append(bars(d, j)).append("</td><td class=n>")
                    .append(String.format(Locale.ROOT, "%.3f", d.consensus()[j])).append("</td></tr>");
        }
        h.append("</table>");
        h.append(answerTables(d));
        h.append("<p style=\"font-size:12px;color:#666\">Method: Polis (column-mean imputation, PCA by power iteration, "
                + "projection scaled by sqrt(statements/votes), k-means groups chosen by silhouette, repness, group-informed consensus); "
                + "bridging by Community Notes-style matrix factorisation. See docs/DELIBERATION.md.</p></body></html>\n");
        return h.toString();
    }

    /** Agree rates per answer to each meta question (demographic groups), with each answer group's votes. */
    private static String answerTables(Deliberation d) {
        Conversation c = d.conversation();
        List<AnswerGroups> all = AnswerGroups.of(c);
        if (all.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<h2>Agree rates by answer to the meta questions</h2><p>Participants grouped by how they "
                + "answered each meta (demographic) statement; each cell is the share of the group's votes on the statement that agree "
                + "(passes count as votes) and, in brackets, the number of votes.</p>");
        for (AnswerGroups a : all) {
            Statement q = c.statements().get(a.question());
            h.append("<h3>").append(Html.escape(q.id())).append(": ").append(Html.escape(q.text())).append("</h3><table><tr><th>statement</th><th>text</th>");
            for (int x = 0; x < AnswerGroups.ANSWERS.size(); x++) {
                h.append("<th>answered ").append(AnswerGroups.ANSWERS.get(x)).append(" (").append(a.size()[x]).append(")</th>");
            }
            h.append("</tr>");
            for (int j : d.columns()) {
                h.append("<tr><td>").append(Html.escape(c.statements().get(j).id())).append("</td><td>").append(Html.escape(c.statements().get(j).text())).append("</td>");
                for (int x = 0; x < AnswerGroups.ANSWERS.size(); x++) {
                    double rate = a.agreeRate(j, x);
                    h.append("<td class=n>").append(Double.isNaN(rate) ? "&ndash;" : String.format(Locale.ROOT, "%.2f", rate))
                            .append(" (").append(a.votes().seen()[j][x]).append(")</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>");
        }
        return h.toString();
    }

    private static String ranking(Deliberation d, boolean consensus) {
        Conversation c = d.conversation();
        List<Integer> order = new ArrayList<>();
        for (int j : d.columns()) {
            order.add(j);
        }
        if (consensus) {
            order.sort((a, b) -> Double.compare(d.consensus()[b], d.consensus()[a]));
        } else {
            order.sort((a, b) -> Double.compare(d.bridging().statementIntercept()[b], d.bridging().statementIntercept()[a]));
        }
        StringBuilder h = new StringBuilder("<h3>").append(consensus ? "Group-informed consensus (top 15)" : "Bridging intercept (top 15)")
                .append("</h3><table><tr><th>statement</th><th>text</th><th>consensus</th><th>intercept</th><th>factor</th><th>bridging</th></tr>");
        for (int j : order.subList(0, Math.min(15, order.size()))) {
            h.append("<tr><td>").append(Html.escape(c.statements().get(j).id())).append("</td><td>").append(Html.escape(c.statements().get(j).text())).append("</td>");
            h.append(String.format(Locale.ROOT, "<td class=n>%.3f</td>", d.consensus()[j]));
            if (d.bridging() != null) {
                h.append(String.format(Locale.ROOT, "<td class=n>%.3f</td><td class=n>%.3f</td><td>%s</td>", d.bridging().statementIntercept()[j],
                        d.bridging().statementFactor()[j], d.bridging().isBridging(j) ? "yes" : ""));
            } else {
                h.append("<td></td><td></td><td></td>");
            }
            h.append("</tr>");
        }
        return h.append("</table>").toString();
    }

    private static String map(Deliberation d) {
        double[][] p = d.projection();
        double max = 1e-9;
        for (int i = 0; i < p.length; i++) {
            if (d.voted(i)) {
                max = Math.max(max, Math.max(Math.abs(p[i][0]), Math.abs(p[i][1])));
            }
        }
        int size = 520;
        double scale = (size / 2.0 - 20) / max;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"opinion map\">"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\" stroke=\"#ccc\"/>"
                        + "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/><line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>",
                size, size, size, size, size / 2, size, size / 2, size / 2, size / 2, size));
        int drawn = 0;
        for (int i = 0; i < p.length && drawn < 20000; i++) {
            if (!d.voted(i)) {
                continue;
            }
            int g = d.groups().group()[i];
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" fill-opacity=\"0.7\"><title>%s</title></circle>",
                    size / 2.0 + p[i][0] * scale, size / 2.0 - p[i][1] * scale, g < 0 ? "#bbb" : COLOURS[g % COLOURS.length],
                    Html.escape("participant " + d.conversation().participants().get(i) + (g < 0 ? "" : ", group " + g))));
            drawn++;
        }
        // Loadings are unit-vector components; stretch them to the participants' spread to be visible.
        Pca pca = d.pca();
        double lmax = 1e-9;
        for (int c = 0; c < pca.columns().length; c++) {
            lmax = Math.max(lmax, Math.max(Math.abs(pca.pc1()[c]), Math.abs(pca.pc2()[c])));
        }
        double lscale = (size / 2.0 - 20) / lmax;
        for (int c = 0; c < pca.columns().length && c < 2000; c++) {
            double x = size / 2.0 + pca.pc1()[c] * lscale;
            double y = size / 2.0 - pca.pc2()[c] * lscale;
            s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fl4 4m-4 0l4 -4\" stroke=\"#000\" transform=\"translate(-2,-2)\"><title>%s</title></path>",
                    x, y, Html.escape("statement " + d.conversation().statements().get(pca.columns()[c]).id())));
        }
        return s.append("</svg>").toString();
    }

    private static String bars(Deliberation d, int j) {
        int k = d.groups().k();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", 130, 14 * Math.max(k, 1)));
        for (int g = 0; g < k; g++) {
            int seen = d.groupVotes().seen()[j][g];
            double rate = seen == 0 ? 0 : (double) d.groupVotes().agree()[j][g] / seen;
            s.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"11\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" font-size=\"10\">%.0f%% of %d</text>",
                    14 * g, 70 * rate, COLOURS[g % COLOURS.length], 72.0, 14 * g + 10, 100 * rate, seen));
        }
        return s.append("</svg>").toString();
    }
}
