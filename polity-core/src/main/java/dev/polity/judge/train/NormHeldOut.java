package dev.polity.judge.train;

import dev.polity.judge.NormJudge;
import dev.polity.judge.Outcome;
import dev.polity.judge.learn.Calibration;
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
public record NormHeldOut(List<NormItem> items, double[] violates, double[] relevance, List<Outcome> outcome, List<Outcome> unrelated) {
    public NormHeldOut {
        items = List.copyOf(items);
        outcome = List.copyOf(outcome);
        unrelated = List.copyOf(unrelated);
    }

    static NormHeldOut of(NormTable t, NormJudgeTrainer.Settings s) {
        int[] fold = Folds.byGroup(t.norms(), s.folds(), s.seed());
        java.util.Map<String, Integer> foldOf = new java.util.HashMap<>();
        for (int i = 0; i < fold.length; i++) {
            foldOf.put(t.norms()[i], fold[i]);
        }
        int n = t.size();
        double[] p = new double[n];
        double[] rel = new double[n];
        Outcome[] o = new Outcome[n];
        Outcome[] u = new Outcome[t.unrelatedNorms().length];
        for (int k = 0; k < s.folds(); k++) {
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != k) {
                    train.add(i);
                }
            }
            NormJudgeTrainer.Fitted f = NormJudgeTrainer.fitNested(t, train.stream().mapToInt(Integer::intValue).toArray(), s);
            Calibration c = f.calibration();
            for (int i = 0; i < n; i++) {
                if (fold[i] == k) {
                    p[i] = c.probability(f.score(t.x()[i]));
                    rel[i] = c.relevant(t.relevance()[i]);
                    o[i] = NormJudge.decide(p[i], rel[i], c, t.tiers()[i]);
                }
            }
            for (int i = 0; i < u.length; i++) {
                Integer of = foldOf.get(t.unrelatedNorms()[i]);
                // a norm with no items of its own is never held out; its unrelated pairs are judged by the last fold's model
                if (of == null ? k == s.folds() - 1 : of == k) {
                    u[i] = NormJudge.decide(c.probability(f.score(t.unrelatedX()[i])), c.relevant(t.unrelatedRelevance()[i]), c, t.unrelatedTiers()[i]);
                }
            }
        }
        return new NormHeldOut(t.rows(), p, rel, List.of(o), List.of(u));
    }

    public int decided() {
        return (int) outcome.stream().filter(NormHeldOut::decides).count();
    }

    static boolean decides(Outcome o) {
        return o == Outcome.COMPLIES || o == Outcome.VIOLATES;
    }

    /**
     * Accuracy on decided items, coverage, accuracy at full coverage (every item decided at P = 0.5), and
     * the share of unrelated pairs given a confident verdict (should be small).
     */
    public Map<String, Double> metrics() {
        int right = 0;
        int rightAll = 0;
        for (int i = 0; i < items.size(); i++) {
            boolean truth = items.get(i).violates();
            Outcome o = outcome.get(i);
            if (decides(o)) {
                right += (o == Outcome.VIOLATES) == truth ? 1 : 0;
            }
            rightAll += (violates[i] >= 0.5) == truth ? 1 : 0;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy_decided", decided() == 0 ? Double.NaN : (double) right / decided());
        m.put("coverage", (double) decided() / items.size());
        m.put("accuracy_full_coverage", (double) rightAll / items.size());
        m.put("unrelated_decided", unrelated.isEmpty() ? Double.NaN : (double) unrelated.stream().filter(NormHeldOut::decides).count() / unrelated.size());
        return m;
    }
}
