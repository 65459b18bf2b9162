package dev.polity.judge.train;

import dev.polity.judge.Outcome;
import dev.polity.judge.learn.Folds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The norm judge's verdicts on labelled items with whole norms held out: grouped k-fold by norm (the
 * outer loop), each fold judged by a model whose penalty, calibration and threshold were chosen by
 * grouped cross-validation inside the other folds only ({@link NormJudgeTrainer#fitNested}), so that no
 * reported figure was tuned on the items it reports.
 *
 * @param violates  calibrated P(violates) per item
 * @param relevance the norm's relevance to each item's exchange
 * @param outcome   the verdict: complies, violates, uncertain or not applicable
 */
public record NormHeldOut(List<NormItem> items, double[] violates, double[] relevance, List<Outcome> outcome) {
    public NormHeldOut {
        items = List.copyOf(items);
        outcome = List.copyOf(outcome);
    }

    static NormHeldOut of(NormTable t, NormJudgeTrainer.Settings s) {
        int[] fold = Folds.byGroup(t.norms(), s.folds(), s.seed());
        int n = t.size();
        double[] p = new double[n];
        Outcome[] o = new Outcome[n];
        for (int k = 0; k < s.folds(); k++) {
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != k) {
                    train.add(i);
                }
            }
            NormJudgeTrainer.Fitted f = NormJudgeTrainer.fitNested(t, train.stream().mapToInt(Integer::intValue).toArray(), s);
            for (int i = 0; i < n; i++) {
                if (fold[i] == k && t.dev()[i]) {
                    p[i] = f.calibration().probability(f.score(t.x()[i]));
                    o[i] = decide(p[i], t.relevance()[i], f.calibration());
                }
            }
        }
        List<NormItem> items = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<Double> ps = new ArrayList<>();
        List<Double> rel = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (t.dev()[i]) {
                items.add(t.rows().get(i));
                outcomes.add(o[i]);
                ps.add(p[i]);
                rel.add(t.relevance()[i]);
            }
        }
        return new NormHeldOut(items, ps.stream().mapToDouble(Double::doubleValue).toArray(),
                rel.stream().mapToDouble(Double::doubleValue).toArray(), outcomes);
    }

    /** The verdict a calibration gives a probability: not applicable below the relevance floor, uncertain below the threshold. */
    public static Outcome decide(double pViolates, double relevance, dev.polity.judge.learn.Calibration c) {
        if (relevance < c.relevanceFloor()) {
            return Outcome.NOT_APPLICABLE;
        }
        if (Math.max(pViolates, 1 - pViolates) < c.threshold()) {
            return Outcome.UNCERTAIN;
        }
        return pViolates >= 0.5 ? Outcome.VIOLATES : Outcome.COMPLIES;
    }

    public int decided() {
        return (int) outcome.stream().filter(o -> o == Outcome.COMPLIES || o == Outcome.VIOLATES).count();
    }

    /** Accuracy on decided items, coverage, accuracy at full coverage (every item decided at P = 0.5) and law-tier violation recall. */
    public Map<String, Double> metrics() {
        int right = 0;
        int rightAll = 0;
        for (int i = 0; i < items.size(); i++) {
            boolean truth = items.get(i).violates();
            Outcome o = outcome.get(i);
            if (o == Outcome.COMPLIES || o == Outcome.VIOLATES) {
                right += (o == Outcome.VIOLATES) == truth ? 1 : 0;
            }
            rightAll += (violates[i] >= 0.5) == truth ? 1 : 0;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy_decided", decided() == 0 ? Double.NaN : (double) right / decided());
        m.put("coverage", (double) decided() / items.size());
        m.put("accuracy_full_coverage", (double) rightAll / items.size());
        return m;
    }
}
