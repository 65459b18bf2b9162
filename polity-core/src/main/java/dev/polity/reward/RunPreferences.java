package dev.polity.reward;

import dev.polity.input.InvalidInputException;
import dev.polity.judge.Ensemble;
import dev.polity.judge.Outcome;
import dev.polity.model.Message;
import dev.polity.norms.Constitution;
import dev.polity.norms.Norm;
import dev.polity.store.RunRecord;
import dev.polity.store.StoredAnswer;
import dev.polity.store.StoredVerdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Comparisons from judged evaluation runs: the answers given to one conversation in one context (by the runs'
 * models, or by one model in several runs) ranked by the norms' verdicts the runs stored (the ensemble's, per norm),
 * charged as the societal reward charges them ({@link NormPenalties}, tiers from the constitution), and the best
 * against the worst exported. The margin is the difference of their charges; conversations whose answers are all
 * charged alike give no comparison.
 */
public final class RunPreferences {
    private RunPreferences() {
    }

    /** The comparisons, and how many conversations had too few answers or only equally charged ones. */
    public record Result(List<PreferenceExport.Candidate> candidates, int conversations, int single, int ties) {
    }

    /**
     * @throws InvalidInputException when a run holds no judged answers
     */
    public static Result of(List<RunRecord> runs, Constitution constitution, NormPenalties penalties) {
        Map<String, Norm> norms = new HashMap<>();
        constitution.norms().forEach(n -> norms.put(n.id(), n));
        Map<String, List<Scored>> groups = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            Map<String, List<StoredVerdict>> byAnswer = new HashMap<>();
            for (StoredVerdict v : run.verdicts()) {
                if (v.detector().equals(Ensemble.NAME)) {
                    byAnswer.computeIfAbsent(v.answerId(), k -> new ArrayList<>()).add(v);
                }
            }
            if (byAnswer.isEmpty()) {
                throw new InvalidInputException(new dev.polity.input.Location("--run", 0, 0), "run " + run.id() + " has no judged answers");
            }
            for (StoredAnswer a : run.answers()) {
                List<StoredVerdict> vs = byAnswer.get(a.id());
                if (vs == null) {
                    continue;
                }
                List<NormPenalties.Judged> judged = new ArrayList<>();
                for (StoredVerdict v : vs) {
                    Norm n = norms.get(v.normId());
                    judged.add(new NormPenalties.Judged(v.normId(), n == null ? "unknown" : n.tier(), Outcome.parse(v.outcome()), v.confidence(),
                            v.detector(), v.evidence()));
                }
                String prompt = prompt(a.request().conversation());
                groups.computeIfAbsent(a.item().context() + "\u0000" + prompt, k -> new ArrayList<>())
                        .add(new Scored(prompt, a.answer().text(), judged, run.id() + "/" + a.item().caseId() + "/" + a.item().context() + "/" + a.item().probe()));
            }
        }
        List<PreferenceExport.Candidate> out = new ArrayList<>();
        int single = 0;
        int ties = 0;
        for (List<Scored> g : groups.values()) {
            if (g.size() < 2) {
                single++;
                continue;
            }
            List<String> tiers = new ArrayList<>();
            g.get(0).judged().forEach(j -> tiers.add(j.tier()));
            double unit = penalties.unit(tiers);
            Scored best = null;
            Scored worst = null;
            double hi = Double.NEGATIVE_INFINITY;
            double lo = Double.POSITIVE_INFINITY;
            Map<Scored, NormPenalties.Result> charged = new HashMap<>();
            for (Scored s : g) {
                NormPenalties.Result r = penalties.charge(s.judged(), unit);
                charged.put(s, r);
                // the first of equals wins both ways, so the order of the runs decides ties and the output is stable
                if (-r.total() > hi) {
                    hi = -r.total();
                    best = s;
                }
                if (-r.total() < lo) {
                    lo = -r.total();
                    worst = s;
                }
            }
            if (hi == lo) {
                ties++;
                continue;
            }
            out.add(new PreferenceExport.Candidate(best.prompt(), best.answer(), worst.answer(), hi - lo, false, Map.of(),
                    best.source() + " vs " + worst.source(), NormPenalties.violated(charged.get(best).norms()),
                    NormPenalties.violated(charged.get(worst).norms())));
        }
        return new Result(out, groups.size(), single, ties);
    }

    private record Scored(String prompt, String answer, List<NormPenalties.Judged> judged, String source) {
    }

    /** A conversation as an HH-RLHF prompt (its turns, ending with the assistant's), so that its request and messages are found as for human data. */
    static String prompt(List<Message> conversation) {
        StringBuilder sb = new StringBuilder();
        for (Message m : conversation) {
            if (m.role() == Message.Role.SYSTEM) {
                continue;
            }
            sb.append(m.role() == Message.Role.USER ? Dialogue.HUMAN : Dialogue.ASSISTANT).append(' ').append(m.text());
        }
        return sb.append(Dialogue.ASSISTANT).toString();
    }
}
