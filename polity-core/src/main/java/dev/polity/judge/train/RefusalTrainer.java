package dev.polity.judge.train;

import dev.polity.judge.RefusalClass;
import dev.polity.judge.RefusalDetector;
import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.learn.FeatureSpace;
import dev.polity.judge.learn.Folds;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.learn.LexicalFeatures;
import dev.polity.judge.learn.Provenance;
import dev.polity.judge.learn.SoftmaxRegression;
import dev.polity.judge.learn.Standardizer;
import dev.polity.judge.learn.Versions;
import dev.polity.input.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Trains the refusal detector: multinomial logistic regression over {@link FeatureSpace#REFUSAL_V1}
 * (the design the issue names: a plain logistic regression on MiniLM embeddings plus refusal-phrase
 * features), with k-fold cross-validated metrics for the model's provenance.
 */
public final class RefusalTrainer {

    /** Penalty, Adam steps, cross-validation folds (fewer than 2: none) and the fold shuffling seed. */
    public record Settings(double lambda, int steps, int folds, long seed) {
        public static final Settings DEFAULT = new Settings(0.01, 300, 5, 17);

        public Settings withFolds(int k) {
            return new Settings(lambda, steps, k, seed);
        }
    }

    private RefusalTrainer() {
    }

    public static JudgeModel train(TrainingData data, TextEmbedder embedder, Settings s, IntConsumer progress) {
        List<LabelledText> rows = data.rows();
        if (rows.isEmpty()) {
            throw new InvalidInputException(data.inputs().isEmpty() ? "<input>" : data.inputs().get(0), 0, "no labelled rows to train on");
        }
        int[] y = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            LabelledText r = rows.get(i);
            y[i] = RefusalClass.parse(r.label()).orElseThrow(() -> new InvalidInputException(r.file(), r.line(),
                    "--label-column: expected full_compliance, full_refusal or partial_refusal (or 1_/2_/3_ forms), got '" + r.label() + "'"))
                    .ordinal();
        }
        if (java.util.Arrays.stream(y).distinct().count() < 2) {
            // one class trains a constant, and cross-validation then scores it perfect (issue 10, defect 11)
            throw new InvalidInputException(LabelledText.files(rows), 0, "--label-column '" + data.columns().label() + "': every row is "
                    + RefusalClass.values()[y[0]].wireName() + "; expected rows of at least two of full_compliance, full_refusal, partial_refusal");
        }
        double[][] x = features(rows, embedder, progress);
        Map<String, Double> metrics = s.folds() >= 2 ? crossValidate(x, y, s) : Map.of();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", "multinomial logistic regression, L2, Adam");
        settings.put("lambda", s.lambda());
        settings.put("steps", s.steps());
        settings.put("folds", s.folds());
        settings.put("seed", s.seed());
        settings.put("text_column", data.columns().text());
        settings.put("label_column", data.columns().label());
        settings.put("lexical_features", LexicalFeatures.REFUSAL_NAMES);
        settings.put("penalty_on", "embedding dimensions only");
        Provenance p = new Provenance(Versions.polity(), data.inputs(), data.sha256(), rows.size(), settings, metrics);
        return fit(x, y, s, embedder.id(), p);
    }

    static double[][] features(List<LabelledText> rows, TextEmbedder embedder, IntConsumer progress) {
        List<String> texts = rows.stream().map(LabelledText::text).toList();
        List<Embedding> e = embedder.embed(texts, progress);
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = FeatureSpace.REFUSAL_V1.vector(e.get(i), texts.get(i));
        }
        return x;
    }

    static JudgeModel fit(double[][] x, int[] y, Settings s, String embedderId, Provenance p) {
        Standardizer st = Standardizer.fit(x);
        SoftmaxRegression.Fit f = SoftmaxRegression.fit(st.apply(x), y, RefusalClass.values().length, s.lambda(), s.steps(), new double[] {1, 1, 1}, penalised(x));
        List<String> outputs = new ArrayList<>();
        for (RefusalClass c : RefusalClass.values()) {
            outputs.add(c.wireName());
        }
        return new JudgeModel(JudgeModel.FORMAT, JudgeModel.VERSION, RefusalDetector.NAME, "softmax", embedderId,
                FeatureSpace.REFUSAL_V1.wireName(), outputs, st.mean(), st.scale(), f.weights(), f.bias(), p);
    }

    /** Three-class accuracy, refusal-vs-compliance accuracy and macro-F1 over k folds. */
    static Map<String, Double> crossValidate(double[][] x, int[] y, Settings s) {
        int[] fold = Folds.assign(x.length, s.folds(), s.seed());
        int[] predicted = new int[x.length];
        for (int k = 0; k < s.folds(); k++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                (fold[i] == k ? test : train).add(i);
            }
            double[][] xt = new double[train.size()][];
            int[] yt = new int[train.size()];
            for (int i = 0; i < xt.length; i++) {
                xt[i] = x[train.get(i)];
                yt[i] = y[train.get(i)];
            }
            Standardizer st = Standardizer.fit(xt);
            SoftmaxRegression.Fit f = SoftmaxRegression.fit(st.apply(xt), yt, 3, s.lambda(), s.steps(), new double[] {1, 1, 1}, penalised(x));
            for (int i : test) {
                predicted[i] = SoftmaxRegression.argmax(f.probabilities(st.apply(x[i])));
            }
        }
        return metrics(y, predicted);
    }

    static Map<String, Double> metrics(int[] y, int[] predicted) {
        int same = 0;
        int sameBinary = 0;
        int[][] confusion = new int[3][3];
        for (int i = 0; i < y.length; i++) {
            same += y[i] == predicted[i] ? 1 : 0;
            sameBinary += (y[i] == 0) == (predicted[i] == 0) ? 1 : 0;
            confusion[y[i]][predicted[i]]++;
        }
        double f1 = 0;
        int present = 0;
        for (int c = 0; c < 3; c++) {
            int tp = confusion[c][c];
            int actual = confusion[c][0] + confusion[c][1] + confusion[c][2];
            int pred = confusion[0][c] + confusion[1][c] + confusion[2][c];
            if (actual == 0) {
                continue;
            }
            present++;
            f1 += tp == 0 ? 0 : 2.0 * tp / (actual + pred);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", (double) same / y.length);
        m.put("refusal_vs_compliance_accuracy", (double) sameBinary / y.length);
        m.put("macro_f1", f1 / Math.max(1, present));
        return m;
    }

    /** Embedding dimensions are penalised; the refusal cues after them are not. */
    static int penalised(double[][] x) {
        return x[0].length - LexicalFeatures.REFUSAL_NAMES.size();
    }

}
