package dev.polity.deliberation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an analysis found, as plain maps and lists ready for a JSON writer. The keys
 * {@code participants[].id/group/x/y}, {@code statements[].id/consensus/bridging_intercept/bridging_factor}
 * and {@code groups} are a stable interface (issue 5); numbers that do not exist (a meta statement's
 * consensus) are null.
 */
public final class DeliberationJson {
    private DeliberationJson() {
    }

    public static Map<String, Object> of(Deliberation d) {
        Conversation c = d.conversation();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversation", c.name());
        out.put("groups", d.groups().k());
        out.put("warnings", c.warnings());
        List<Map<String, Object>> participants = new ArrayList<>();
        for (int i = 0; i < c.participants().size(); i++) {
            if (!d.voted(i)) {
                continue;
            }
            Map<String, Object> p = participant(c.participants().get(i), d.groups().group()[i], d.projection()[i], c.votes().votesOf(i));
            p.put("polis_group", c.polisGroups().get(c.participants().get(i)));
            if (d.bridging() != null) {
                p.put("bridging_factor", num(d.bridging().participantFactor()[i]));
            }
            participants.add(p);
        }
        out.put("participants", participants);
        List<Map<String, Object>> statements = new ArrayList<>();
        GroupVotes gv = d.groupVotes();
        for (int j = 0; j < c.statements().size(); j++) {
            Statement s = c.statements().get(j);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("text", s.text());
            m.put("in_analysis", s.inAnalysis());
            m.put("meta", s.meta());
            m.put("moderated", s.moderated());
            m.put("consensus", num(d.consensus()[j]));
            m.put("polis_consensus", s.polisConsensus());
            m.put("bridging_intercept", d.bridging() == null ? null : num(d.bridging().statementIntercept()[j]));
            m.put("bridging_factor", d.bridging() == null ? null : num(d.bridging().statementFactor()[j]));
            m.put("bridging", d.bridging() != null && s.inAnalysis() && d.bridging().isBridging(j));
            int[] all = totals(c.votes(), j);
            m.put("agree", all[0]);
            m.put("disagree", all[1]);
            m.put("pass", all[2]);
            m.put("votes_by_group", votesByGroup(gv, d.repness()[j], j));
            statements.add(m);
        }
        out.put("statements", statements);
        out.put("representative", representative(c.statements(), d.repness(), d.columns(), d.groups().k()));
        out.put("groups_by_answer", answerGroups(d));
        out.put("silhouette_by_k", silhouettes(d.groups()));
        out.put("base_clusters", d.groups().baseClusters());
        if (d.bridging() != null) {
            out.put("bridging_model", bridgingModel(d.bridging()));
        }
        PolisComparison cmp = PolisComparison.of(d);
        if (cmp != null) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("participants", cmp.participants());
            x.put("adjusted_rand_index", num(cmp.ari()));
            x.put("projection_fidelity_ari", num(cmp.projectionFidelity()));
            x.put("silhouette", num(cmp.silhouette()));
            x.put("polis_silhouette", num(cmp.polisSilhouette()));
            Map<String, Object> conf = new LinkedHashMap<>();
            cmp.confusion().forEach((g, counts) -> conf.put(Integer.toString(g), counts));
            x.put("confusion", conf);
            out.put("polis_comparison", x);
        }
        return out;
    }

    /** Per meta question: the size of each answer group and its agree rate and votes on every analysed statement. */
    static List<Map<String, Object>> answerGroups(Deliberation d) {
        Conversation c = d.conversation();
        List<Map<String, Object>> out = new ArrayList<>();
        for (AnswerGroups a : AnswerGroups.of(c)) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("question", c.statements().get(a.question()).id());
            q.put("text", c.statements().get(a.question()).text());
            Map<String, Object> sizes = new LinkedHashMap<>();
            for (int x = 0; x < AnswerGroups.ANSWERS.size(); x++) {
                sizes.put(AnswerGroups.ANSWERS.get(x), a.size()[x]);
            }
            q.put("answered", sizes);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int j : d.columns()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("statement", c.statements().get(j).id());
                Map<String, Object> rate = new LinkedHashMap<>();
                Map<String, Object> votes = new LinkedHashMap<>();
                for (int x = 0; x < AnswerGroups.ANSWERS.size(); x++) {
                    rate.put(AnswerGroups.ANSWERS.get(x), num(a.agreeRate(j, x)));
                    votes.put(AnswerGroups.ANSWERS.get(x), a.votes().seen()[j][x]);
                }
                row.put("agree_rate", rate);
                row.put("votes", votes);
                rows.add(row);
            }
            q.put("statements", rows);
            out.add(q);
        }
        return out;
    }

    /*
     * The sections below are shared with polity-spark, which computes the same statistics on partitions and
     * prints them with the same keys.
     */

    /** A participant's place: id, group (null when not clustered), x, y and number of votes. */
    public static Map<String, Object> participant(String id, int group, double[] xy, int votes) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("group", group < 0 ? null : group);
        p.put("x", num(xy[0]));
        p.put("y", num(xy[1]));
        p.put("votes", votes);
        return p;
    }

    /** Statement j's votes in each group, with its repness there when it is analysed ({@code repness} non-null). */
    public static List<Map<String, Object>> votesByGroup(GroupVotes gv, Repness[] repness, int j) {
        List<Map<String, Object>> byGroup = new ArrayList<>();
        for (int g = 0; g < gv.groups(); g++) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("agree", gv.agree()[j][g]);
            x.put("disagree", gv.disagree()[j][g]);
            x.put("pass", gv.pass(j, g));
            if (repness != null) {
                Repness r = repness[g];
                x.put("repness", num(r.forAgree() ? r.ra() : r.rd()));
                x.put("repness_test", num(r.forAgree() ? r.rat() : r.rdt()));
                x.put("repful_for", r.forAgree() ? "agree" : "disagree");
            }
            byGroup.add(x);
        }
        return byGroup;
    }

    /** Each group's representative statements (at most five), as Polis selects them. */
    public static List<List<Map<String, Object>>> representative(List<Statement> statements, Repness[][] repness, int[] columns, int k) {
        List<List<Map<String, Object>>> rep = new ArrayList<>();
        List<List<Repness>> top = Deliberation.topRepness(repness, columns, k, 5);
        for (int g = 0; g < top.size(); g++) {
            List<Map<String, Object>> l = new ArrayList<>();
            Integer bestAgree = Repness.bestAgree(Deliberation.ofGroup(repness, columns, g)).map(Repness::statement).orElse(null);
            for (Repness r : top.get(g)) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("statement", statements.get(r.statement()).id());
                x.put("repful_for", r.forAgree() ? "agree" : "disagree");
                x.put("p", num(r.forAgree() ? r.pa() : r.pd()));
                x.put("repness", num(r.forAgree() ? r.ra() : r.rd()));
                x.put("repness_test", num(r.forAgree() ? r.rat() : r.rdt()));
                x.put("significant", r.significant());
                x.put("best_agree", bestAgree != null && bestAgree == r.statement());
                l.add(x);
            }
            rep.add(l);
        }
        return rep;
    }

    /** The silhouette of each k tried. */
    public static Map<String, Object> silhouettes(OpinionGroups groups) {
        Map<String, Object> sil = new LinkedHashMap<>();
        groups.silhouetteByK().forEach((k, v) -> sil.put(Integer.toString(k), num(v)));
        return sil;
    }

    /** The bridging model's mu, sweeps and loss. */
    public static Map<String, Object> bridgingModel(Bridging b) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("mu", num(b.mu()));
        model.put("sweeps", b.sweeps());
        model.put("loss", num(b.loss()));
        return model;
    }

    /** Agrees, disagrees and passes of every statement, from one-group votes of everyone. */
    public static int[] totals(GroupVotes everyone, int j) {
        return new int[] {everyone.agree()[j][0], everyone.disagree()[j][0], everyone.pass(j, 0)};
    }

    static int[] totals(VoteMatrix m, int j) {
        int[] t = new int[3];
        for (int k = m.colStart(j); k < m.colEnd(j); k++) {
            byte v = m.colVote(k);
            t[v > 0 ? 0 : v < 0 ? 1 : 2]++;
        }
        return t;
    }

    public static Double num(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
