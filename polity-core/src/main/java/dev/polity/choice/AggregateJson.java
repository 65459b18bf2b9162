package dev.polity.choice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code polity aggregate} found, as plain maps and lists ready for a JSON writer (the counterpart of
 * {@code deliberation.DeliberationJson}). Items appear as their labels. The keys are a stable interface:
 * a rule's {@code rule/winners/ranking/tie_broken[/lottery][/note]}; all rules' {@code rules} with the
 * Condorcet facts; a model's {@code items/theta/iterations/log_likelihood/model/method/alpha/converged}
 * (and {@code bootstrap/theta_lower/theta_upper}); and {@code groups} with {@code per_group},
 * {@code collective}, {@code worst_off} and {@code most_disputed}. Every map keeps its keys in this order.
 */
public final class AggregateJson {
    /** How many of a group's own favourites, of each collective ranking and of the most disputed items are listed. */
    static final int GROUP_TOP = 5;
    static final int COLLECTIVE_TOP = 10;
    static final int DISPUTED = 10;

    private AggregateJson() {
    }

    /** One rule's result. */
    public static Map<String, Object> rule(RuleResult res, List<Object> items) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("rule", res.rule().id());
        j.put("winners", res.winners().stream().map(items::get).toList());
        j.put("ranking", res.ranking().stream().map(items::get).toList());
        j.put("tie_broken", res.tieBroken());
        if (res.lottery() != null) {
            Map<String, Double> lot = new LinkedHashMap<>();
            for (int a = 0; a < items.size(); a++) {
                lot.put(String.valueOf(items.get(a)), res.lottery()[a]);
            }
            j.put("lottery", lot);
        }
        if (res.note() != null) {
            j.put("note", res.note());
        }
        return j;
    }

    /** Several rules on one profile: each rule's result, the Condorcet winner and loser, the Smith set, and the rules skipped (with why). */
    public static Map<String, Object> rules(List<Object> items, MajorityMatrix m, List<RuleResult> done, List<String> skipped) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rules", done.stream().map(x -> rule(x, items)).toList());
        int cw = m.condorcetWinner();
        int cl = m.condorcetLoser();
        r.put("condorcet_winner", cw < 0 ? null : items.get(cw));
        r.put("condorcet_loser", cl < 0 ? null : items.get(cl));
        r.put("smith_set", m.smithSet().stream().map(items::get).toList());
        r.put("majority_cycle", m.hasMajorityCycle());
        if (cw >= 0) {
            r.put("condorcet_winner_elected_by", done.stream().filter(x -> x.winner() == cw).map(x -> x.rule().id()).toList());
        }
        if (!skipped.isEmpty()) {
            r.put("skipped", skipped);
        }
        return r;
    }

    /**
     * A fitted Bradley-Terry or Plackett-Luce model; {@code lower}/{@code upper} are the bootstrap interval
     * of {@code theta} from {@code samples} resamples, or null without a bootstrap.
     */
    public static Map<String, Object> model(List<Object> items, Fit fit, String model, int samples, double[] lower, double[] upper) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("items", items);
        r.put("theta", fit.theta());
        r.put("iterations", fit.iterations());
        r.put("log_likelihood", fit.logLikelihood());
        r.put("model", model);
        r.put("method", fit.method().id());
        r.put("alpha", fit.alpha());
        r.put("converged", fit.converged());
        if (lower != null) {
            r.put("bootstrap", samples);
            r.put("theta_lower", lower);
            r.put("theta_upper", upper);
        }
        return r;
    }

    /** A ratings table's size, with its group analysis. */
    public static Map<String, Object> ratings(Ratings ratings, Map<String, Object> groups) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("format", "ratings");
        r.put("value", ratings.valueName());
        r.put("raters", ratings.raters().size());
        r.put("ratings", ratings.size());
        r.put("groups", groups);
        return r;
    }

    /**
     * Groups defined by {@code attributes}: each group's view of the collective result, the collective
     * ranking under every welfare function, the worst-off group and the items groups disagree on most.
     *
     * @param weights the group weights as the user gave them (equal, proportional or a file)
     */
    public static Map<String, Object> groups(GroupAnalysis a, List<String> attributes, String weights) {
        List<Object> items = a.items();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("attributes", attributes);
        j.put("welfare", a.welfare().id());
        j.put("weights", weights);
        List<Map<String, Object>> gs = new ArrayList<>();
        for (GroupAnalysis.GroupReport r : a.reports()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("group", r.group());
            g.put("size", r.size());
            g.put("weight", r.weight());
            g.put("favourite", items.get(r.favourite()));
            g.put("favourite_collective_rank", r.favouriteRank());
            g.put("regret", r.regret());
            g.put("kendall_tau", r.tau());
            g.put("top", r.ownRanking().stream().limit(GROUP_TOP).map(items::get).toList());
            gs.add(g);
        }
        j.put("per_group", gs);
        Map<String, Object> coll = new LinkedHashMap<>();
        for (GroupAnalysis.Collective c : a.collectives().values()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("top", c.ranking().stream().limit(COLLECTIVE_TOP).map(items::get).toList());
            x.put("sides_with", a.groups().get(c.sidesWith()));
            Map<String, Double> tau = new LinkedHashMap<>();
            for (int g = 0; g < a.groups().size(); g++) {
                tau.put(a.groups().get(g), c.tau()[g]);
            }
            x.put("kendall_tau", tau);
            coll.put(c.welfare().id(), x);
        }
        j.put("collective", coll);
        j.put("worst_off", a.worstOff().group());
        List<Map<String, Object>> disputed = new ArrayList<>();
        for (int x : a.disagreement().subList(0, Math.min(DISPUTED, a.disagreement().size()))) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("item", items.get(x));
            d.put("spread", a.spread()[x]);
            disputed.add(d);
        }
        j.put("most_disputed", disputed);
        return j;
    }
}
