package dev.polity.judge.train;

import dev.polity.judge.DerogationDetector;
import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.learn.FeatureSpace;
import dev.polity.judge.learn.Folds;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.learn.LexicalFeatures;
import dev.polity.judge.learn.Provenance;
import dev.polity.judge.learn.RidgeRegression;
import dev.polity.judge.learn.Standardizer;
import dev.polity.judge.learn.Versions;
import dev.polity.stats.RankCorrelation;
import dev.polity.input.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Trains the derogation detector: ridge regression over {@link FeatureSpace#DEROGATION_V1} to the mean
 * rating of each text. Rows that share an id are one text rated by several people; their labels are
 * averaged. Labels outside [0, 1] (a 1-5 scale, say) are mapped linearly from their observed range onto
 * [0, 1], and the range is recorded in the settings.
 */
public final class DerogationTrainer {

    /** {@code lambda} is the penalty per training text (the ridge penalty is {@code lambda * n}), so it carries over between data sizes. */
    public record Settings(double lambda, int folds, long seed) {
        public static final Settings DEFAULT = new Settings(4, 5, 17);

        public Settings withFolds(int k) {
            return new Settings(lambda, k, seed);
        }
    }

    /** One text with the mean of its labels. */
    public record RatedText(String id, String text, double label, int ratings) {
    }

    private DerogationTrainer() {
    }

    /** Groups rows by id (in order of first appearance) and averages their numeric labels. */
    public static List<RatedText> rated(TrainingData data) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (LabelledText r : data.rows()) {
            double v = label(r);
            double[] s = sums.computeIfAbsent(r.id(), k -> new double[2]);
            s[0] += v;
            s[1]++;
            texts.putIfAbsent(r.id(), r.text());
        }
        List<RatedText> out = new ArrayList<>();
        sums.forEach((id, s) -> out.add(new RatedText(id, texts.get(id), s[0] / s[1], (int) s[1])));
        return out;
    }

    /** A row's numeric label; anything else is an error naming the file and line. */
    static double label(LabelledText r) {
        double v;
        try {
            v = Double.parseDouble(r.label().trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(r.file(), r.line(), "--label-column: expected a number, got '" + r.label() + "'");
        }
        if (!Double.isFinite(v)) {
            throw new InvalidInputException(r.file(), r.line(), "--label-column: expected a finite number, got '" + r.label() + "'");
        }
        return v;
    }

    public static JudgeModel train(TrainingData data, TextEmbedder embedder, Settings s, IntConsumer progress) {
        List<RatedText> texts = rated(data);
        if (texts.size() < 2) {
            throw new InvalidInputException(data.inputs().isEmpty() ? "<input>" : data.inputs().get(0), 0,
                    "need at least two rated texts to train on, got " + texts.size());
        }
        double min = texts.stream().mapToDouble(RatedText::label).min().orElse(0);
        double max = texts.stream().mapToDouble(RatedText::label).max().orElse(1);
        if (min == max) {
            // one value trains a constant, and cross-validation then scores it perfect (issue 10, defect 11)
            throw new InvalidInputException(LabelledText.files(data.rows()), 0, "--label-column '" + data.columns().label() + "': every text is rated "
                    + data.rows().get(0).label().strip() + "; expected ratings that differ");
        }
        boolean rescale = min < 0 || max > 1;
        double[] y = new double[texts.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rescale ? (texts.get(i).label() - min) / (max - min) : texts.get(i).label();
        }
        double[][] x = features(texts.stream().map(RatedText::text).toList(), embedder, progress);
        Map<String, Double> metrics = s.folds() >= 2 ? crossValidate(x, y, s) : Map.of();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", "ridge regression, dual form");
        settings.put("lambda_per_text", s.lambda());
        settings.put("folds", s.folds());
        settings.put("seed", s.seed());
        settings.put("text_column", data.columns().text());
        settings.put("label_column", data.columns().label());
        settings.put("id_column", data.columns().id());
        settings.put("label_range", rescale ? List.of(min, max) : List.of(0.0, 1.0));
        settings.put("lexical_features", LexicalFeatures.DEROGATION_NAMES);
        Provenance p = new Provenance(Versions.polity(), data.inputs(), data.sha256(), texts.size(), settings, metrics);
        return fit(x, y, s, embedder.id(), p);
    }

    public static double[][] features(List<String> texts, TextEmbedder embedder, IntConsumer progress) {
        List<Embedding> e = embedder.embed(texts, progress);
        double[][] x = new double[texts.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = FeatureSpace.DEROGATION_V1.vector(e.get(i), texts.get(i));
        }
        return x;
    }

    static JudgeModel fit(double[][] x, double[] y, Settings s, String embedderId, Provenance p) {
        Standardizer st = Standardizer.fit(x);
        RidgeRegression.Fit f = RidgeRegression.fit(st.apply(x), y, s.lambda() * x.length);
        return new JudgeModel(JudgeModel.FORMAT, JudgeModel.VERSION, DerogationDetector.NAME, "ridge", embedderId,
                FeatureSpace.DEROGATION_V1.wireName(), List.of("score"), st.mean(), st.scale(),
                new double[][] {f.weights()}, new double[] {f.bias()}, p);
    }

    /** Out-of-fold predictions for every text (k-fold over texts). */
    public static double[] outOfFold(double[][] x, double[] y, Settings s) {
        int[] fold = Folds.assign(x.length, s.folds(), s.seed());
        double[] predicted = new double[x.length];
        for (int k = 0; k < s.folds(); k++) {
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (fold[i] != k) {
                    train.add(i);
                }
            }
            double[][] xt = new double[train.size()][];
            double[] yt = new double[train.size()];
            for (int i = 0; i < xt.length; i++) {
                xt[i] = x[train.get(i)];
                yt[i] = y[train.get(i)];
            }
            Standardizer st = Standardizer.fit(xt);
            RidgeRegression.Fit f = RidgeRegression.fit(st.apply(xt), yt, s.lambda() * xt.length);
            for (int i = 0; i < x.length; i++) {
                if (fold[i] == k) {
                    predicted[i] = Math.max(0, Math.min(1, f.predict(st.apply(x[i]))));
                }
            }
        }
        return predicted;
    }

    static Map<String, Double> crossValidate(double[][] x, double[] y, Settings s) {
        return metrics(outOfFold(x, y, s), y);
    }

    /** Spearman, Pearson and mean absolute error of predictions {@code p} against labels {@code y} (NaN when there are none). */
    static Map<String, Double> metrics(double[] p, double[] y) {
        double mae = 0;
        for (int i = 0; i < y.length; i++) {
            mae += Math.abs(p[i] - y[i]);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("spearman", RankCorrelation.spearman(p, y));
        m.put("pearson", RankCorrelation.pearson(p, y));
        m.put("mean_absolute_error", y.length == 0 ? Double.NaN : mae / y.length);
        return m;
    }
}
