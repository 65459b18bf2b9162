package dev.polity.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The societal reward of one answer with its decomposition: {@code reward = preference − penalty}, where the
 * preference is the groups' utilities combined ({@link Combination}; the one head's utility for a model of everyone)
 * and the penalty what the norms' verdicts in the context take off ({@link NormPenalties}).
 *
 * @param shared the shared head's utility (what a rater of no known group gets)
 * @param groups each group head's utility, by {@code column=group}; empty for a model of everyone
 * @param context the context the norms were judged in ({@code jurisdiction/domain/audience}), or null: no norm penalties
 * @param judged how many applicable norms were judged
 */
public record Reward(double reward, double preference, double shared, Map<String, Double> groups, String combination, double penalty,
                     int lexicographicViolations, List<NormPenalties.Charged> norms, String context, int judged) {
    public Reward {
        groups = java.util.Collections.unmodifiableMap(new TreeMap<>(groups));
        norms = List.copyOf(norms);
    }

    /** The norms judged uncertain: reported, not charged. */
    public List<String> uncertain() {
        List<String> out = new ArrayList<>();
        for (NormPenalties.Charged c : norms) {
            if (c.verdict() == dev.polity.judge.Outcome.UNCERTAIN) {
                out.add(c.norm());
            }
        }
        return out;
    }

    /** The violated norms' penalties summed per tier. */
    public Map<String, Double> penaltyByTier() {
        Map<String, Double> out = new TreeMap<>();
        for (NormPenalties.Charged c : norms) {
            if (c.penalty() > 0) {
                out.merge(c.tier(), c.penalty(), Double::sum);
            }
        }
        return out;
    }

    /** The decomposition as JSON: figures rounded to six places. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reward", round(reward));
        m.put("preference", round(preference));
        m.put("combination", combination);
        m.put("shared", round(shared));
        Map<String, Object> g = new LinkedHashMap<>();
        groups.forEach((k, v) -> g.put(k, round(v)));
        m.put("groups", g);
        m.put("context", context);
        m.put("penalty", round(penalty));
        Map<String, Object> byTier = new LinkedHashMap<>();
        penaltyByTier().forEach((k, v) -> byTier.put(k, round(v)));
        m.put("penalty_by_tier", byTier);
        m.put("lexicographic_violations", lexicographicViolations);
        m.put("norms_judged", judged);
        m.put("norms", norms.stream().map(NormPenalties.Charged::asMap).toList());
        m.put("uncertain", uncertain());
        return m;
    }

    static double round(double x) {
        return Math.round(x * 1_000_000) / 1_000_000.0;
    }
}
