package dev.polity.reward;

import dev.polity.guard.Decision;
import dev.polity.guard.Guard;
import dev.polity.guard.NormDecision;
import dev.polity.guard.Part;
import dev.polity.input.InvalidInputException;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.norms.Context;
import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The societal reward of (prompt, answer, context): the reward model's group heads combined by a welfare function
 * or group-robust weights ({@link Combination}), minus the penalties for the judge's verdicts on the norms that apply
 * in the context ({@link NormPenalties}), with every reward's decomposition ({@link Reward}). The verdicts are the
 * guard's ({@link Guard#checkAnswer}): the same constitution, applicable norms (resolved once per context) and
 * detectors as the gateway, whatever its configuration registers. Thread-safe.
 */
public final class SocietalReward {
    private final RewardModel model;
    private final RewardFeatures features;
    private final Combination combination;

    /**
     * @throws InvalidInputException when the model was trained on another embedder or feature space
     */
    public SocietalReward(RewardModel model, TextEmbedder embedder, Combination combination) {
        if (!RewardFeatures.SPACE.equals(model.features())) {
            throw new InvalidInputException(null, "the reward model uses features '" + model.features() + "'; this Polity computes "
                    + RewardFeatures.SPACE + " (retrain it with polity reward train)");
        }
        if (!embedder.id().equals(model.embedder())) {
            throw new InvalidInputException(null, "the reward model was trained on embeddings '" + model.embedder() + "', not '" + embedder.id()
                    + "'; retrain it with polity reward train");
        }
        this.model = model;
        this.features = new RewardFeatures(embedder);
        this.combination = combination;
    }

    public RewardModel model() {
        return model;
    }

    /** One answer to score: the prompt (an HH-RLHF prompt keeps its turns) and the answer. */
    public record Exchange(String prompt, String answer) {
    }

    /**
     * Where the norms are judged and what their violations cost: the guard (its constitution, resolver and
     * detectors), the context, and the penalties by tier.
     */
    public record Norms(Guard guard, Context context, NormPenalties penalties) {
        /** The standard penalties of the guard's constitution's tiers ({@link NormPenalties#standard}), some replaced. */
        public static Norms standard(Guard guard, Context context, Map<String, Double> tierPenalties) {
            return new Norms(guard, context, NormPenalties.standard(guard.constitution().tiers()).with(tierPenalties));
        }

        /** The cost of a lexicographic violation in the context, from its applicable norms' tiers (resolved once per context by the guard). */
        double unit() {
            List<String> tiers = new ArrayList<>();
            for (Norm n : guard.applicable(context)) {
                tiers.add(n.tier());
            }
            return penalties.unit(tiers);
        }
    }

    /**
     * The rewards of answers, in order, embedded together.
     *
     * @param norms    where the norms are judged and what they cost, or null for no norm penalties
     * @param progress told how many texts were embedded
     */
    public List<Reward> score(List<Exchange> items, Norms norms, IntConsumer progress) {
        List<String> prompts = new ArrayList<>(items.size());
        List<String> answers = new ArrayList<>(items.size());
        for (Exchange e : items) {
            prompts.add(e.prompt());
            answers.add(e.answer());
        }
        double[][] x = features.vectors(prompts, answers, progress);
        double unit = norms == null ? 0 : norms.unit();
        List<Reward> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(reward(x[i], items.get(i), norms, unit));
        }
        return out;
    }

    /** The preference part alone of features {@code x}: the combined utility, the shared utility and each group's. */
    record Preference(double value, double shared, Map<String, Double> groups) {
    }

    Preference preference(double[] x) {
        double[] z = model.standardise(x);
        double shared = Combination.utility(model.sharedScore(z));
        if (!model.grouped()) {
            return new Preference(shared, shared, Map.of());
        }
        double[] s = model.headScores(z);
        double[] u = new double[s.length];
        Map<String, Double> groups = new LinkedHashMap<>();
        for (int g = 0; g < s.length; g++) {
            u[g] = Combination.utility(s[g]);
            groups.put(model.heads().get(g).name(), u[g]);
        }
        return new Preference(combination.combine(u), shared, groups);
    }

    private Reward reward(double[] x, Exchange e, Norms norms, double unit) {
        Preference p = preference(x);
        String combined = model.grouped() ? combination.name() : "one head";
        if (norms == null) {
            return new Reward(p.value(), p.value(), p.shared(), p.groups(), combined, 0, 0, List.of(), null, 0);
        }
        String request = Dialogue.request(e.prompt());
        Decision d = norms.guard().checkAnswer(norms.context(), request, e.answer(), turns(e.prompt()));
        List<NormPenalties.Judged> judged = new ArrayList<>(d.norms().size());
        for (NormDecision n : d.norms()) {
            if (n.appliesTo() == Part.ANSWER) {
                judged.add(new NormPenalties.Judged(n.norm().id(), n.norm().tier(), n.verdict(), n.confidence(), n.decidedBy(), n.evidence()));
            }
        }
        NormPenalties.Result charged = norms.penalties().charge(judged, unit);
        return new Reward(p.value() - charged.total(), p.value(), p.shared(), p.groups(), combined, charged.total(),
                charged.lexicographicViolations(), charged.norms(), name(norms.context()), charged.judged());
    }

    static String name(Context c) {
        return c.jurisdiction() + "/" + (c.domain() == null ? "*" : c.domain()) + "/" + (c.audience() == null ? "*" : c.audience());
    }

    /** The user turns of an HH-RLHF prompt (1 for any other). */
    static int turns(String prompt) {
        int n = 0;
        for (int at = prompt.indexOf(Dialogue.HUMAN); at >= 0; at = prompt.indexOf(Dialogue.HUMAN, at + 1)) {
            n++;
        }
        return Math.max(1, n);
    }
}
