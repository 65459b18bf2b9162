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

/** The report of a deliberation analysis ({@code polity deliberate --out}): opinion map, groups, consensus and bridging. */
public final class DeliberationHtml {
    private static final String UNCLUSTERED = "#bbb";

    private DeliberationHtml() {
    }

    public static String of(Deliberation d) {
        Conversation c = d.conversation();
        StringBuilder h = new StringBuilder();
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
            h.append("<h3 style=\"color:").append(Charts.colour(g)).append("\">Group ").append(g).append("</h3><table><tr><th>statement</th>"
                    + "<th>text</th><th>side</th><th>group rate</th><th>repness</th><th>z</th></tr>");
            for (Repness r : top.get(g)) {
                h.append(String.format(Locale.ROOT, "<tr><td>%s%s</td><td>%s</td><td>%s</td><td class=\"n\">%.2f</td><td class=\"n\">%.2f</td><td class=\"n\">%.2f</td></tr>",
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
                    h.append("<td class=\"n\">").append(x).append("</td>");
                }
                h.append("</tr>");
            });
            h.append("</table>");
        }
        h.append("<h2>Agree rates per group</h2><p>For every statement, the share of each group's votes that agree (bar), "
                + "with the group's number of votes.</p><table><tr><th>statement</th><th>text</th><th>agree rate by group</th><th>consensus</th></tr>");
        for (int j : d.columns()) {
            h.append("<tr><td>").append(Html.escape(c.statements().get(j).id())).append("</td><td>").append(Html.escape(c.statements().get(j).text()))
                    .append("</td><td>").append(bars(d, j)).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%.3f", d.consensus()[j])).append("</td></tr>");
        }
        h.append("</table>");
        h.append(answerTables(d));
        h.append("<p class=\"note\">Method: Polis (column-mean imputation, PCA by power iteration, "
                + "projection scaled by sqrt(statements/votes), k-means groups chosen by silhouette, repness, group-informed consensus); "
                + "bridging by Community Notes-style matrix factorisation. See docs/DELIBERATION.md.</p>");
        return Html.page("Deliberation: " + c.name(), h.toString());
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
                    h.append("<td class=\"n\">").append(Double.isNaN(rate) ? "–" : String.format(Locale.ROOT, "%.2f", rate))
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
            h.append(String.format(Locale.ROOT, "<td class=\"n\">%.3f</td>", d.consensus()[j]));
            if (d.bridging() != null) {
                h.append(String.format(Locale.ROOT, "<td class=\"n\">%.3f</td><td class=\"n\">%.3f</td><td>%s</td>", d.bridging().statementIntercept()[j],
                        d.bridging().statementFactor()[j], d.bridging().isBridging(j) ? "yes" : ""));
            } else {
                h.append("<td></td><td></td><td></td>");
            }
            h.append("</tr>");
        }
        return h.append("</table>").toString();
    }

    /** Participants (dots, by group) and statement loadings (crosses) in the plane of the first two principal components. */
    private static String map(Deliberation d) {
        double[][] p = d.projection();
        List<Charts.Point> people = new ArrayList<>();
        for (int i = 0; i < p.length && people.size() < 20000; i++) {
            if (d.voted(i)) {
                int g = d.groups().group()[i];
                people.add(new Charts.Point(p[i][0], p[i][1], g < 0 ? UNCLUSTERED : Charts.colour(g),
                        "participant " + d.conversation().participants().get(i) + (g < 0 ? "" : ", group " + g)));
            }
        }
        Pca pca = d.pca();
        List<Charts.Point> statements = new ArrayList<>();
        for (int c = 0; c < pca.columns().length && c < 2000; c++) {
            statements.add(new Charts.Point(pca.pc1()[c], pca.pc2()[c], "#000", "statement " + d.conversation().statements().get(pca.columns()[c]).id()));
        }
        return Charts.scatter("opinion-map", "Opinion map: participants and statements on the first two principal components",
                List.of(new Charts.Layer(people, false), new Charts.Layer(statements, true)));
    }

    /**
     * The opinion map of the participants alone, coloured by group, with participant {@code you} (an index of the
     * conversation, -1 for none) ringed: the web app's "where you stand". {@code title} and {@code youLabel} come
     * from the caller, in the reader's language.
     */
    public static String participantMap(Deliberation d, int you, String title, String youLabel) {
        double[][] p = d.projection();
        List<Charts.Point> people = new ArrayList<>();
        int highlight = -1;
        for (int i = 0; i < p.length && people.size() < 20000; i++) {
            if (d.voted(i) || i == you) {
                int g = d.groups().group()[i];
                if (i == you) {
                    highlight = people.size();
                }
                people.add(new Charts.Point(p[i][0], p[i][1], g < 0 ? UNCLUSTERED : Charts.colour(g), i == you ? youLabel : null));
            }
        }
        return Charts.scatter("opinion-map", title, List.of(new Charts.Layer(people, false, highlight)));
    }

    /** The colour of opinion group {@code g} in every map and table. */
    public static String groupColour(int g) {
        return Charts.colour(g);
    }

    /** Votes so far over time, one value per step, as a line; {@code title} and {@code caption} in the reader's language. */
    public static String participation(double[] cumulative, String title, String caption) {
        return Charts.line("participation", title, cumulative, caption);
    }

    /** The share of each group's votes on statement {@code j} that agree, as small bars in a table cell. */
    private static String bars(Deliberation d, int j) {
        List<Charts.Bar> bars = new ArrayList<>();
        for (int g = 0; g < d.groups().k(); g++) {
            int seen = d.groupVotes().seen()[j][g];
            double rate = seen == 0 ? 0 : (double) d.groupVotes().agree()[j][g] / seen;
            String note = Charts.fixed(100 * rate, 0) + "% of " + seen;
            bars.add(new Charts.Bar("", rate, Double.NaN, Double.NaN, Charts.colour(g), note, "group " + g + ": " + note));
        }
        return Charts.bars("agree-rates", "Agree rate per group", bars, Charts.Axis.percent(0, 1), Charts.BarLayout.INLINE);
    }
}
