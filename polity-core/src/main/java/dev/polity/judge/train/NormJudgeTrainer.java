package dev.polity.judge.train;

import dev.polity.judge.FactReader;
import dev.polity.judge.NormJudge;
import dev.polity.judge.learn.Calibration;
import dev.polity.judge.learn.Folds;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.learn.NormFeatures;
import dev.polity.judge.learn.Provenance;
import dev.polity.judge.learn.SoftmaxRegression;
import dev.polity.judge.learn.Standardizer;
import dev.polity.judge.learn.Versions;
import dev.polity.norms.Constitution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Trains the norm judge: L2-regularised logistic regression (Hastie, Tibshirani and Friedman, 2009, §4.4)
 * over {@link NormFeatures} across norms, its penalty chosen and its scores Platt-calibrated on
 * grouped cross-validation by norm within the training data, so that calibration and the abstention
 * threshold are learnt on norms the fit has not seen, as a new norm will be. The threshold is the
 * confidence that decides {@code coverage} of those held-out scores; below it the judge says uncertain.
 */
public final class NormJudgeTrainer {

    /**
     * @param lambdas        penalties tried (the one with the least held-out log-loss is kept)
     * @param steps          Adam steps per fit
     * @param folds          grouped folds by norm, for the inner choice of penalty, calibration and threshold
     * @param coverage       the share of held-out items the threshold decides (items below the relevance floor count as undecided)
     * @param relevanceQuantile the share of labelled (relevant) training items whose relevance may fall below the
     *                       not-applicable floor
     * @param unsureQuantile the same for the floor below which an unsure verdict is not applicable rather than uncertain
     */
    public record Settings(List<Double> lambdas, int steps, int folds, double coverage, double relevanceQuantile, double unsureQuantile,
                           long seed) {
        public static final Settings DEFAULT = new Settings(List.of(0.003, 0.01, 0.03, 0.1), 400, 5, 0.80, 0.10, 0.5, 17);

        public Settings withCoverage(double c) {
            return new Settings(lambdas, steps, folds, c, relevanceQuantile, unsureQuantile, seed);
        }
    }

    /** A fitted model with the penalty it was fitted with and its calibration. */
    record Fitted(Standardizer standardizer, SoftmaxRegression.Fit fit, double lambda, Calibration calibration) {
        double score(double[] x) {
            double[] z = standardizer.apply(x);
            double[][] w = fit.weights();
            double s = fit.bias()[1] - fit.bias()[0];
            for (int j = 0; j < z.length; j++) {
                s += (w[1][j] - w[0][j]) * z[j];
            }
            return s;
        }
    }

    private NormJudgeTrainer() {
    }

    /** Trains on every item (and, as settings say, every norm's examples) and records grouped cross-validated figures. */
    public static JudgeModel train(List<NormItem> items, Constitution constitution, FactReader reader, Settings s, List<String> inputs,
                                   String sha256, IntConsumer progress) {
        NormTable t = NormTable.of(items, constitution, reader, s.seed(), progress);
        NormHeldOut heldOut = NormHeldOut.of(t, s);
        Fitted f = fitNested(t, all(t), s);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", "logistic regression, L2 on standardised features, Adam; Platt scaling");
        settings.put("lambda", f.lambda());
        settings.put("lambdas_tried", s.lambdas());
        settings.put("steps", s.steps());
        settings.put("folds", s.folds());
        settings.put("grouped_by", "norm");
        settings.put("coverage", s.coverage());
        settings.put("relevance_quantile", s.relevanceQuantile());
        settings.put("unsure_quantile", s.unsureQuantile());
        settings.put("seed", s.seed());
        settings.put("unrelated_pairs_per_item", NormTable.UNRELATED);
        settings.put("relevance_features", NormFeatures.RELEVANCE_NAMES);
        settings.put("constitution", constitution.name() + " " + constitution.version());
        settings.put("constitution_sha256", constitution.digest());
        settings.put("features", NormFeatures.NAMES);
        Provenance p = new Provenance(Versions.polity(), inputs, sha256, items.size(), settings, heldOut.metrics());
        double[][] w = f.fit().weights();
        return new JudgeModel(JudgeModel.FORMAT, JudgeModel.VERSION, NormJudge.NAME, "softmax", reader.embedder().id(),
                NormFeatures.SPACE, List.of("complies", "violates"), f.standardizer().mean(), f.standardizer().scale(),
                new double[][] {w[0].clone(), w[1].clone()}, f.fit().bias().clone(), p, null, f.calibration());
    }

    /** Cross-validated figures only, with whole norms held out; for the development-set check. */
    public static NormHeldOut crossValidate(List<NormItem> items, Constitution constitution, FactReader reader, Settings s, IntConsumer progress) {
        return NormHeldOut.of(NormTable.of(items, constitution, reader, s.seed(), progress), s);
    }

    static int[] all(NormTable t) {
        int[] r = new int[t.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = i;
        }
        return r;
    }

    static Fitted fit(NormTable t, int[] rows, double lambda, int steps) {
        double[][] x = new double[rows.length][];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = t.x()[rows[i]];
            y[i] = t.y()[rows[i]];
        }
        Standardizer st = Standardizer.fit(x);
        SoftmaxRegression.Fit f = SoftmaxRegression.fit(st.apply(x), y, 2, lambda, steps, new double[] {1, 1});
        return new Fitted(st, f, lambda, null);
    }

    /**
     * Chooses the penalty by grouped cross-validation within {@code rows}, Platt-calibrates the held-out
     * scores of its labelled items, sets the threshold that decides {@code coverage} of them and the
     * relevance floor, and refits on all of {@code rows}.
     */
    static Fitted fitNested(NormTable t, int[] rows, Settings s) {
        String[] groups = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            groups[i] = t.norms()[rows[i]];
        }
        int[] fold = Folds.byGroup(groups, s.folds(), s.seed() + 1);
        double bestLoss = Double.POSITIVE_INFINITY;
        double bestLambda = s.lambdas().get(0);
        double[] bestScores = null;
        for (double lambda : s.lambdas()) {
            double[] scores = new double[rows.length];
            for (int k = 0; k < s.folds(); k++) {
                List<Integer> train = new ArrayList<>();
                for (int i = 0; i < rows.length; i++) {
                    if (fold[i] != k) {
                        train.add(rows[i]);
                    }
                }
                Fitted f = fit(t, train.stream().mapToInt(Integer::intValue).toArray(), lambda, s.steps());
                for (int i = 0; i < rows.length; i++) {
                    if (fold[i] == k) {
                        scores[i] = f.score(t.x()[rows[i]]);
                    }
                }
            }
            double loss = logLoss(t, rows, scores);
            if (loss < bestLoss - 1e-12) {
                bestLoss = loss;
                bestLambda = lambda;
                bestScores = scores;
            }
        }
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = t.y()[rows[i]];
        }
        Calibration cal = relevance(t, rows, Calibration.platt(bestScores, y), s);
        // the threshold decides `coverage` of all items, counting those below the relevance floor as undecided
        List<Double> relevant = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (cal.relevant(t.relevance()[rows[i]]) >= cal.relevanceFloor()) {
                relevant.add(cal.probability(bestScores[i]));
            }
        }
        double share = Math.min(1, s.coverage() * rows.length / Math.max(1, relevant.size()));
        cal = cal.withThreshold(Calibration.thresholdFor(relevant.stream().mapToDouble(Double::doubleValue).toArray(), share));
        Fitted f = fit(t, rows, bestLambda, s.steps());
        return new Fitted(f.standardizer(), f.fit(), bestLambda, cal);
    }

    /**
     * Fits the relevance model, logistic regression of "the norm concerns this exchange" on the relevance
     * features of the training items (relevant) and of their unrelated pairs with training norms (not),
     * and sets the floor at the {@code relevanceQuantile} of the training items' relevance.
     */
    static Calibration relevance(NormTable t, int[] rows, Calibration cal, Settings s) {
        java.util.Set<String> norms = new java.util.HashSet<>();
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int r : rows) {
            norms.add(t.norms()[r]);
            x.add(t.relevance()[r]);
            y.add(1);
        }
        for (int i = 0; i < t.unrelatedNorms().length; i++) {
            if (norms.contains(t.unrelatedNorms()[i])) {
                x.add(t.unrelatedRelevance()[i]);
                y.add(0);
            }
        }
        double[][] xa = x.toArray(double[][]::new);
        Standardizer st = Standardizer.fit(xa);
        SoftmaxRegression.Fit f = SoftmaxRegression.fit(st.apply(xa), y.stream().mapToInt(Integer::intValue).toArray(), 2, 0.01, s.steps(),
                new double[] {1, 1});
        int d = xa[0].length;
        double[] w = new double[d + 1];
        double b = f.bias()[1] - f.bias()[0];
        for (int j = 0; j < d; j++) {
            double wj = (f.weights()[1][j] - f.weights()[0][j]) / st.scale()[j];
            w[j] = wj;
            b -= wj * st.mean()[j];
        }
        w[d] = b;
        Calibration withModel = cal.withRelevance(w, 0, 0);
        double[] rel = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rel[i] = withModel.relevant(t.relevance()[rows[i]]);
        }
        Arrays.sort(rel);
        return cal.withRelevance(w, rel[(int) Math.floor(s.relevanceQuantile() * (rel.length - 1))],
                rel[(int) Math.floor(s.unsureQuantile() * (rel.length - 1))]);
    }

    private static double logLoss(NormTable t, int[] rows, double[] scores) {
        double loss = 0;
        int n = 0;
        for (int i = 0; i < rows.length; i++) {
            double p = 1 / (1 + Math.exp(-scores[i]));
            p = Math.min(1 - 1e-9, Math.max(1e-9, p));
            loss -= t.y()[rows[i]] == 1 ? Math.log(p) : Math.log(1 - p);
            n++;
        }
        return loss / Math.max(1, n);
    }
}
