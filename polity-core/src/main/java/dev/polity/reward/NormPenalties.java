package dev.polity.reward;

import dev.polity.input.InvalidInputException;
import dev.polity.judge.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the judge's verdicts in a context take off a preference, by tier. A violated norm of a weighted tier costs
 * its tier's penalty; the highest tier (law, unless a constitution orders its tiers otherwise) is lexicographic: one
 * of its violations costs more than any preference can gain and every lower penalty together can cost, so no
 * preference score outweighs it (a lexicographic order, as in Sen, 1970, ch. 9, realised as one number an RLHF
 * trainer can use). Uncertain verdicts cost nothing and are reported. Pure: the guard's verdicts come in as data.
 *
 * @param lexicographic the tier whose violations dominate
 * @param perTier       each weighted tier's penalty per violated norm
 */
public record NormPenalties(String lexicographic, Map<String, Double> perTier) {
    /** A tier that neither the constitution nor the settings name costs this much. */
    static final double UNNAMED = 0.1;

    public NormPenalties {
        perTier = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perTier));
        for (Map.Entry<String, Double> e : perTier.entrySet()) {
            if (!(e.getValue() >= 0) || e.getValue().isInfinite()) {
                throw new InvalidInputException(null, "--tier-penalty: " + e.getKey() + " expected a penalty >= 0, got " + e.getValue());
            }
        }
    }

    /** The standard schedule for tiers in order (highest first): the first lexicographic, then 1, 1/2, 1/4, ... */
    public static NormPenalties standard(List<String> tiers) {
        Map<String, Double> per = new LinkedHashMap<>();
        for (int k = 1; k < tiers.size(); k++) {
            per.put(tiers.get(k), Math.pow(2, -(k - 1)));
        }
        return new NormPenalties(tiers.get(0), per);
    }

    /** The same schedule with some tiers' penalties replaced. */
    public NormPenalties with(Map<String, Double> changed) {
        Map<String, Double> per = new LinkedHashMap<>(perTier);
        for (Map.Entry<String, Double> e : changed.entrySet()) {
            if (e.getKey().equals(lexicographic)) {
                throw new InvalidInputException(null, "--tier-penalty: " + lexicographic + " is lexicographic (one violation outweighs every preference);"
                        + " it takes no penalty");
            }
            per.put(e.getKey(), e.getValue());
        }
        return new NormPenalties(lexicographic, per);
    }

    public double penalty(String tier) {
        return perTier.getOrDefault(tier, UNNAMED);
    }

    /**
     * The cost of one lexicographic violation in a context whose applicable norms have these tiers: 2 plus every
     * weighted penalty the context can charge, so that with preferences in [0, 1] an answer with fewer such
     * violations always gets the higher reward.
     */
    public double unit(List<String> applicableTiers) {
        double all = 0;
        for (String t : applicableTiers) {
            if (!t.equals(lexicographic)) {
                all += penalty(t);
            }
        }
        return 2 + all;
    }

    /** One norm's verdict on an answer, as the guard gave it. */
    public record Judged(String norm, String tier, Outcome verdict, double confidence, String decidedBy, String evidence) {
    }

    /** What one norm took off: its penalty (0 when uncertain). */
    public record Charged(String norm, String tier, Outcome verdict, double confidence, double penalty, String decidedBy, String evidence) {
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("norm", norm);
            m.put("tier", tier);
            m.put("verdict", verdict.wireName());
            m.put("confidence", PairwiseAccuracy.round(confidence));
            m.put("penalty", PairwiseAccuracy.round(penalty));
            m.put("decided_by", decidedBy);
            m.put("evidence", evidence);
            return m;
        }
    }

    /** The penalty part of a reward: the total, the lexicographic violations, and each violated or uncertain norm's part. */
    public record Result(double total, int lexicographicViolations, List<Charged> norms, int judged) {
        public List<String> uncertain() {
            return norms.stream().filter(c -> c.verdict() == Outcome.UNCERTAIN).map(Charged::norm).toList();
        }
    }

    /** How many of the charged norms were violated (the others were uncertain). */
    static int violated(List<Charged> norms) {
        int n = 0;
        for (Charged c : norms) {
            n += c.verdict() == Outcome.VIOLATES ? 1 : 0;
        }
        return n;
    }

    /** Charges the verdicts with {@code unit} per lexicographic violation ({@link #unit}). */
    public Result charge(List<Judged> verdicts, double unit) {
        double total = 0;
        int lexicographicViolations = 0;
        List<Charged> out = new ArrayList<>();
        for (Judged j : verdicts) {
            if (j.verdict() == Outcome.VIOLATES) {
                boolean top = j.tier().equals(lexicographic);
                double p = top ? unit : penalty(j.tier());
                lexicographicViolations += top ? 1 : 0;
                total += p;
                out.add(new Charged(j.norm(), j.tier(), j.verdict(), j.confidence(), p, j.decidedBy(), j.evidence()));
            } else if (j.verdict() == Outcome.UNCERTAIN) {
                out.add(new Charged(j.norm(), j.tier(), j.verdict(), j.confidence(), 0, j.decidedBy(), j.evidence()));
            }
        }
        return new Result(total, lexicographicViolations, out, verdicts.size());
    }
}
