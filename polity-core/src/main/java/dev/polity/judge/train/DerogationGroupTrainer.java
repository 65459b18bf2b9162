package dev.polity.judge.train;

import dev.polity.choice.GroupAnalysis;
import dev.polity.input.InvalidInputException;
import dev.polity.judge.DerogationDetector;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.learn.FeatureSpace;
import dev.polity.judge.learn.GroupHead;
import dev.polity.judge.learn.GroupHeads;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.learn.LexicalFeatures;
import dev.polity.judge.learn.Provenance;
import dev.polity.judge.learn.Standardizer;
import dev.polity.judge.learn.Versions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Trains the group-aware derogation detector: one shared ridge model plus a head per group of raters (each
 * value of each {@code --groups} column), every head shrunk towards the shared model by a penalty chosen per
 * group by cross-validation over texts ({@link GroupHeads}: Evgeniou and Pontil, 2004). A head learns its
 * group's mean rating of each text the group rated. The overall score is the groups' heads weighted as the
 * training was (per column, averaged over columns), so it stays comparable to the pooled detector's.
 */
public final class DerogationGroupTrainer {
    /** The command-line option that names the weighting, for errors. */
    public static final String OPTION = "--group-weights";
    /** Head penalties tried, as multiples of the shared model's penalty for one column. */
    public static final double[] PENALTY_GRID = {0.1, 0.3, 1, 3, 10, 100};

    /**
     * How much each group counts, in the shared model's fit and in the overall score: per rating (a group
     * counts as many times as its raters rated; today's pooled behaviour), equally per group, or by given
     * (population) weights, normalised within each column ({@link GroupAnalysis#weights}).
     */
    public record Weighting(String name, GroupAnalysis.Weights mode, Map<String, Double> given) {
        public static final Weighting PER_RATING = new Weighting("per-rating", GroupAnalysis.Weights.PROPORTIONAL, Map.of());
        public static final Weighting EQUAL = new Weighting("equal", GroupAnalysis.Weights.EQUAL, Map.of());

        public Weighting {
            given = Map.copyOf(given);
        }

        /** Population weights from a CSV file {@code group,weight}. */
        public static Weighting population(Path file) {
            return new Weighting(file.getFileName().toString(), GroupAnalysis.Weights.GIVEN, GroupAnalysis.readWeights(file, OPTION));
        }

        /** {@code per-rating}, {@code equal}, or a population weights file. */
        public static Weighting parse(String s) {
            return switch (s) {
                case "per-rating" -> PER_RATING;
                case "equal" -> EQUAL;
                default -> population(Path.of(s));
            };
        }
    }

    /** Groups that rated fewer texts share the penalty chosen for all; cross-validation on fewer cannot tell penalties apart. */
    public static final int OWN_PENALTY_FROM_TEXTS = 100;

    /**
     * The pooled detector's settings (penalty per text, folds, seed), the weighting, the head penalties tried,
     * and from how many rated texts a group gets a penalty of its own.
     */
    public record Settings(DerogationTrainer.Settings base, Weighting weighting, double[] grid, int ownPenaltyFrom) {
        public static final Settings DEFAULT = new Settings(DerogationTrainer.Settings.DEFAULT, Weighting.PER_RATING, PENALTY_GRID,
                OWN_PENALTY_FROM_TEXTS);

        public Settings withFolds(int k) {
            return new Settings(base.withFolds(k), weighting, grid, ownPenaltyFrom);
        }

        public Settings withWeighting(Weighting w) {
            return new Settings(base, w, grid, ownPenaltyFrom);
        }
    }

    private DerogationGroupTrainer() {
    }

    public static JudgeModel train(TrainingData data, TextEmbedder embedder, Settings s, IntConsumer progress) {
        GroupRatings r = GroupRatings.of(data);
        Map<String, double[]> weights = groupWeights(r, s.weighting());
        double[][] x = DerogationTrainer.features(r.texts(), embedder, progress);
        return fit(r, x, weights, s, embedder.id(), data);
    }

    /** Each column's group weights, in head order, normalised within the column. */
    static Map<String, double[]> groupWeights(GroupRatings r, Weighting w) {
        TreeSet<String> known = new TreeSet<>();
        r.heads().forEach(h -> known.add(h.group()));
        for (String g : w.given().keySet()) {
            if (!known.contains(g)) {
                throw new InvalidInputException(w.name(), 0, OPTION + ": group '" + g + "' has no ratings in the training data; groups with ratings are "
                        + String.join(", ", known));
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String column : r.columns()) {
            List<GroupRatings.Head> heads = r.heads().stream().filter(h -> h.column().equals(column)).toList();
            List<String> names = heads.stream().map(GroupRatings.Head::group).toList();
            double[] sizes = heads.stream().mapToDouble(GroupRatings.Head::ratings).toArray();
            out.put(column, GroupAnalysis.weights(w.mode(), names, sizes, w.given(), OPTION));
        }
        return out;
    }

    static JudgeModel fit(GroupRatings r, double[][] x, Map<String, double[]> columnWeights, Settings s, String embedderId, TrainingData data) {
        int n = r.texts().size();
        int columns = r.columns().size();
        List<GroupRatings.Head> heads = r.heads();
        double[] weight = new double[heads.size()];
        for (String column : r.columns()) {
            double[] w = columnWeights.get(column);
            int k = 0;
            for (int g = 0; g < heads.size(); g++) {
                if (heads.get(g).column().equals(column)) {
                    weight[g] = w[k++];
                }
            }
        }
        Standardizer st = Standardizer.fit(x);
        GroupHeads.Examples ex = examples(r, st.apply(x), weight);
        double perColumn = s.base().lambda() * n;
        double[] mu = new double[s.grid().length];
        for (int m = 0; m < mu.length; m++) {
            mu[m] = s.grid()[m] * perColumn;
        }
        double lambda = perColumn * columns;
        double[] penalties = new double[heads.size()];
        Arrays.fill(penalties, perColumn);
        GroupHeads.Selection selection = null;
        if (s.base().folds() >= 2) {
            selection = GroupHeads.choose(ex, GroupHeads.Loss.SQUARED, true, lambda, mu, s.ownPenaltyFrom(), s.base().folds(), s.base().seed());
            penalties = selection.penalties();
        }
        GroupHeads.Fit f = GroupHeads.fit(ex, GroupHeads.Loss.SQUARED, true, lambda, penalties);

        int d = x[0].length;
        double[][] rows = new double[heads.size() + 1][];
        double[] bias = new double[heads.size() + 1];
        rows[0] = new double[d];
        List<String> outputs = new ArrayList<>();
        outputs.add("score");
        for (int g = 0; g < heads.size(); g++) {
            double share = weight[g] / columns;
            for (int j = 0; j < d; j++) {
                rows[0][j] += share * f.heads()[g][j];
            }
            bias[0] += share * f.bias()[g];
            rows[g + 1] = f.heads()[g];
            bias[g + 1] = f.bias()[g];
            outputs.add(heads.get(g).output());
        }
        Map<String, Double> overall = Map.of();
        List<GroupHead> described = new ArrayList<>();
        for (int g = 0; g < heads.size(); g++) {
            GroupRatings.Head h = heads.get(g);
            Map<String, Double> cv = selection == null ? Map.of() : agreement(selection.outOfFold()[g], h);
            described.add(new GroupHead(h.column(), h.group(), h.ratings(), h.texts(), weight[g], penalties[g] / perColumn, cv));
        }
        if (selection != null) {
            double[] mixed = new double[n];
            for (int g = 0; g < heads.size(); g++) {
                for (int t = 0; t < n; t++) {
                    mixed[t] += weight[g] / columns * selection.outOfFold()[g][t];
                }
            }
            overall = agreement(mixed, r.everyone());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", "shared ridge plus a head per group shrunk towards it (Evgeniou and Pontil, 2004), Newton-CG");
        settings.put("lambda_per_text", s.base().lambda());
        settings.put("group_columns", r.columns());
        settings.put("group_weights", s.weighting().name());
        settings.put("head_penalty_grid", Arrays.stream(s.grid()).boxed().toList());
        settings.put("head_penalty", "by " + s.base().folds() + "-fold cross-validation over texts: per group from "
                + s.ownPenaltyFrom() + " rated texts, else one for the smaller groups");
        settings.put("folds", s.base().folds());
        settings.put("seed", s.base().seed());
        settings.put("text_column", data.columns().text());
        settings.put("label_column", data.columns().label());
        settings.put("id_column", data.columns().id());
        settings.put("label_range", List.of(r.min(), r.max()));
        settings.put("lexical_features", LexicalFeatures.DEROGATION_NAMES);
        Provenance p = new Provenance(Versions.polity(), data.inputs(), data.sha256(), n, settings, overall);
        return new JudgeModel(JudgeModel.FORMAT, JudgeModel.VERSION, DerogationDetector.NAME, "ridge", embedderId,
                FeatureSpace.DEROGATION_V1.wireName(), outputs, st.mean(), st.scale(), rows, bias, p, described, null);
    }

    /**
     * One example per group and text it rated: the target is the group's mean rating, the weight its count
     * of ratings spread so that each column's groups carry {@code weight} and the column as a whole the number
     * of texts (so the shared penalty per text means what it means for the pooled detector).
     */
    static GroupHeads.Examples examples(GroupRatings r, double[][] z, double[] weight) {
        int n = r.texts().size();
        List<double[]> rows = new ArrayList<>();
        for (int g = 0; g < r.heads().size(); g++) {
            GroupRatings.Head h = r.heads().get(g);
            double ratings = h.ratings();
            for (int t = 0; t < n; t++) {
                if (h.count()[t] > 0) {
                    rows.add(new double[] {t, g, h.mean(t), h.count()[t] / ratings * weight[g] * n});
                }
            }
        }
        return new GroupHeads.Examples(z, rows.stream().mapToInt(v -> (int) v[0]).toArray(), rows.stream().mapToInt(v -> (int) v[1]).toArray(),
                rows.stream().mapToDouble(v -> v[2]).toArray(), rows.stream().mapToDouble(v -> v[3]).toArray(), r.heads().size());
    }

    /** Spearman, Pearson and mean absolute error of (clipped) predictions against a group's mean ratings, on the texts it rated. */
    static Map<String, Double> agreement(double[] predicted, GroupRatings.Head h) {
        List<double[]> pairs = new ArrayList<>();
        for (int t = 0; t < predicted.length; t++) {
            if (h.count()[t] > 0) {
                pairs.add(new double[] {Math.max(0, Math.min(1, predicted[t])), h.mean(t)});
            }
        }
        return DerogationTrainer.metrics(pairs.stream().mapToDouble(v -> v[0]).toArray(), pairs.stream().mapToDouble(v -> v[1]).toArray());
    }
}
