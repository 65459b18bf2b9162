package dev.polity.eval;

import dev.polity.judge.Outcome;
import dev.polity.judge.RefusalClass;
import dev.polity.judge.Verdict;
import dev.polity.norms.Norm;
import dev.polity.store.StoredVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A judged item as rows of the store's {@code verdicts} table, and back. Per norm: the ensemble's verdict
 * (detector {@code ensemble}) and each check's (detector {@code check<i>:<name>}, in the norm's order).
 * Per answer (norm {@code (answer)}): the overall outcome (detector {@code overall}), always written, so an
 * answer with verdicts is a judged answer; and the refusal class (detector {@code refusal-class}) when known.
 */
final class StoredJudgement {
    static final String ANSWER = "(answer)";
    static final String OVERALL = "overall";
    static final String REFUSAL = "refusal-class";
    private static final String CHECK = "check";

    private StoredJudgement() {
    }

    static List<StoredVerdict> encode(String answerId, JudgedItem j) {
        List<StoredVerdict> out = new ArrayList<>();
        for (NormVerdict nv : j.verdicts()) {
            out.add(row(answerId, nv.normId(), dev.polity.judge.Ensemble.NAME, nv.verdict()));
            for (int i = 0; i < nv.checks().size(); i++) {
                Verdict v = nv.checks().get(i);
                out.add(row(answerId, nv.normId(), CHECK + (i + 1) + ":" + v.detector(), v));
            }
        }
        out.add(new StoredVerdict(answerId, ANSWER, OVERALL, j.outcome().wireName(), 1.0, null));
        if (j.refusal() != null) {
            out.add(new StoredVerdict(answerId, ANSWER, REFUSAL, j.refusal().wireName(), 1.0, null));
        }
        return out;
    }

    private static StoredVerdict row(String answerId, String norm, String detector, Verdict v) {
        return new StoredVerdict(answerId, norm, detector, v.outcome().wireName(), v.confidence(), v.evidence());
    }

    /** Whether these rows (all of one answer) hold a whole judgement. */
    static boolean judged(List<StoredVerdict> rows) {
        return rows.stream().anyMatch(r -> r.normId().equals(ANSWER) && r.detector().equals(OVERALL));
    }

    /**
     * The judged item the rows of one answer describe; norms' tiers and kinds come from the constitution,
     * skipped norms from the judge (they depend only on the context).
     */
    static JudgedItem decode(EvalItem item, String model, String answer, List<StoredVerdict> rows, Map<String, Norm> norms,
                             ApplicableNormJudge judge) {
        Map<String, Verdict> overall = new LinkedHashMap<>();
        Map<String, List<Object[]>> checks = new LinkedHashMap<>();
        RefusalClass refusal = null;
        for (StoredVerdict r : rows) {
            if (r.normId().equals(ANSWER)) {
                if (r.detector().equals(REFUSAL)) {
                    refusal = RefusalClass.parse(r.outcome()).orElse(null);
                }
                continue;
            }
            Verdict v = new Verdict(Outcome.parse(r.outcome()), r.confidence(), r.evidence(), r.detector());
            if (r.detector().equals(dev.polity.judge.Ensemble.NAME)) {
                overall.put(r.normId(), v);
            } else if (r.detector().startsWith(CHECK)) {
                int colon = r.detector().indexOf(':');
                int index = Integer.parseInt(r.detector().substring(CHECK.length(), colon));
                checks.computeIfAbsent(r.normId(), k -> new ArrayList<>())
                        .add(new Object[] {index, new Verdict(v.outcome(), v.confidence(), v.evidence(), r.detector().substring(colon + 1))});
            }
        }
        List<NormVerdict> verdicts = new ArrayList<>();
        // the resolver's order, as the judge produced them
        for (var a : judge.applicable(item.context().context()).norms()) {
            Verdict v = overall.get(a.norm().id());
            if (v == null) {
                continue;
            }
            List<Verdict> parts = checks.getOrDefault(a.norm().id(), List.of()).stream()
                    .sorted(Comparator.comparingInt(o -> (Integer) o[0])).map(o -> (Verdict) o[1]).toList();
            Norm n = norms.get(a.norm().id());
            verdicts.add(new NormVerdict(n.id(), n.tier(), n.kind().yamlName(), v, parts));
        }
        return new JudgedItem(item, model, answer, verdicts, judge.skipped(item.context().context()), refusal);
    }
}
