package dev.polity.reward;

import dev.polity.input.InvalidInputException;
import dev.polity.judge.learn.Folds;
import dev.polity.judge.learn.GroupHeads;
import dev.polity.judge.learn.Provenance;
import dev.polity.judge.learn.Standardizer;
import dev.polity.judge.learn.Versions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Trains Bradley-Terry reward heads on frozen features: logistic regression on the difference of the two answers'
 * standardised features, without intercept (Bradley and Terry, 1952; Christiano et al., 2017; Ouyang et al., 2022,
 * eq. 1), fitted by the group-head code of the judge ({@link GroupHeads}, logistic loss). One head for everyone has
 * its penalty chosen by k-fold cross-validation over pairs; with {@code groups}, a shared head plus one head per
 * value of that rater attribute, each shrunk towards the shared one by a penalty chosen per group by
 * cross-validation (Evgeniou and Pontil, 2004), the shared penalty being the one chosen for everyone.
 */
public final class RewardTrainer {
    /** Shared penalties tried (absolute: the loss is summed over pairs). */
    public static final double[] PENALTY_GRID = {30, 100, 300, 1000, 3000};
    /** Head penalties tried, as multiples of the shared penalty. */
    public static final double[] HEAD_GRID = {0.1, 0.3, 1, 3, 10, 100};
    /** A penalty that holds the unused part of a one-group fit at zero. */
    private static final double HELD = 1e12;

    /**
     * @param groups          the rater attribute whose values get heads, or null for one head for everyone
     * @param holdout         the share of pairs held out of training (0: none), by a shuffle seeded with {@code seed}
     * @param folds           cross-validation folds for the penalties (at least 2)
     * @param embeddingWeight the embedding's weight in the standardised space ({@link RewardModel#embeddingWeight})
     * @param ownPenaltyFrom  groups with fewer pairs share one head penalty (cross-validation cannot tell penalties apart on fewer)
     */
    public record Settings(String groups, double holdout, long seed, int folds, double[] grid, double[] headGrid, double embeddingWeight,
                           int ownPenaltyFrom) {
        public static final Settings DEFAULT = new Settings(null, 0, 0, 5, PENALTY_GRID, HEAD_GRID, 0.2, 100);

        public Settings {
            if (!(holdout >= 0 && holdout < 1)) {
                throw new InvalidInputException(null, "--holdout: expected a fraction in [0, 1), got " + holdout);
            }
            if (folds < 2) {
                throw new InvalidInputException(null, "--folds: expected at least 2, got " + folds);
            }
        }

        public Settings with(String groups, double holdout, long seed) {
            return new Settings(groups, holdout, seed, folds, grid, headGrid, embeddingWeight, ownPenaltyFrom);
        }
    }

    private RewardTrainer() {
    }

    /** Pair indices for training and for the held-out test, as a seeded shuffle cut at {@code 1 − fraction}. */
    public record Split(int[] train, int[] test) {
    }

    public static Split split(int n, double fraction, long seed) {
        int[] order = Folds.shuffled(n, seed);
        int test = (int) Math.round(n * fraction);
        int[] tr = Arrays.copyOfRange(order, 0, n - test);
        int[] te = Arrays.copyOfRange(order, n - test, n);
        Arrays.sort(tr);
        Arrays.sort(te);
        return new Split(tr, te);
    }

    /** The two answers' features of every pair: {@code [0]} the chosen, {@code [1]} the rejected. */
    public static double[][][] features(List<PreferencePair> pairs, RewardFeatures features, IntConsumer progress) {
        List<String> prompts = new ArrayList<>(2 * pairs.size());
        List<String> answers = new ArrayList<>(2 * pairs.size());
        for (PreferencePair p : pairs) {
            prompts.add(p.prompt());
            answers.add(p.chosen());
        }
        for (PreferencePair p : pairs) {
            prompts.add(p.prompt());
            answers.add(p.rejected());
        }
        double[][] x = features.vectors(prompts, answers, progress);
        return new double[][][] {Arrays.copyOfRange(x, 0, pairs.size()), Arrays.copyOfRange(x, pairs.size(), x.length)};
    }

    /** Embeds the file's answers and trains on the pairs not held out. */
    public static RewardModel train(Preferences data, RewardFeatures features, Settings s, IntConsumer progress) {
        check(data, s);
        return train(data, features(data.pairs(), features, progress), features, s);
    }

    /**
     * Checks what can be checked before embedding: the group attribute on every pair, enough pairs after the holdout.
     *
     * @throws InvalidInputException naming the file or the option
     */
    public static void check(Preferences data, Settings s) {
        if (s.groups() != null) {
            data.groups(s.groups(), "--groups");
        }
        int train = split(data.pairs().size(), s.holdout(), s.seed()).train().length;
        if (train < 2 * s.folds()) {
            throw new InvalidInputException(data.file().toString(), 0, "too few pairs to train on: " + train + " after the holdout; expected at least "
                    + 2 * s.folds());
        }
    }

    /** Trains on the pairs not held out, their features computed ({@link #features}). */
    public static RewardModel train(Preferences data, double[][][] x, RewardFeatures features, Settings s) {
        check(data, s);
        List<String> groupNames = s.groups() == null ? List.of() : data.groups(s.groups(), "--groups");
        Split split = split(data.pairs().size(), s.holdout(), s.seed());
        int[] group = new int[data.pairs().size()];
        for (int i = 0; i < group.length && s.groups() != null; i++) {
            group[i] = groupNames.indexOf(data.pairs().get(i).attributes().get(s.groups()));
        }
        Fitted f = fit(pick(x[0], split.train()), pick(x[1], split.train()), pick(group, split.train()), groupNames, s);
        Map<String, Double> metrics = new TreeMap<>(f.crossValidated());
        if (split.test().length > 0) {
            double[] c = new double[split.test().length];
            double[] r = new double[split.test().length];
            RewardModel partial = f.model(s, features, null, null);
            for (int k = 0; k < c.length; k++) {
                c[k] = partial.sharedScore(partial.standardise(x[0][split.test()[k]]));
                r[k] = partial.sharedScore(partial.standardise(x[1][split.test()[k]]));
            }
            metrics.put("holdout_accuracy", PairwiseAccuracy.rate(c, r));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", "Bradley-Terry heads: logistic regression on feature differences without intercept (Bradley and Terry, 1952), "
                + (s.groups() == null ? "one head" : "a shared head plus a head per group shrunk towards it (Evgeniou and Pontil, 2004)") + ", Newton-CG");
        settings.put("feature_space", RewardFeatures.SPACE);
        settings.put("penalty", f.lambda());
        settings.put("penalty_grid", Arrays.stream(s.grid()).boxed().toList());
        settings.put("groups", s.groups());
        settings.put("head_penalty_grid", s.groups() == null ? null : Arrays.stream(s.headGrid()).boxed().toList());
        settings.put("embedding_weight", s.embeddingWeight());
        settings.put("folds", s.folds());
        settings.put("seed", s.seed());
        settings.put("holdout", s.holdout());
        Provenance p = new Provenance(Versions.polity(), List.of(data.file().getFileName().toString()), data.sha256(), split.train().length, settings, metrics);
        return f.model(s, features, new RewardModel.Holdout(s.holdout(), s.seed(), data.sha256(), split.test().length), p);
    }

    /**
     * The fitted heads before they are written: standardisation, the shared head, the group heads, the chosen
     * penalty and the cross-validated metrics.
     */
    public record Fitted(Standardizer standardizer, double[] shared, List<RewardModel.Head> heads, double lambda, Map<String, Double> crossValidated) {
        RewardModel model(Settings s, RewardFeatures features, RewardModel.Holdout holdout, Provenance p) {
            return new RewardModel(RewardModel.FORMAT, RewardModel.VERSION, features.embedder().id(), RewardFeatures.SPACE, features.names(),
                    RewardFeatures.named(), s.embeddingWeight(), standardizer.mean(), standardizer.scale(), shared, heads, holdout, p);
        }
    }

    /**
     * Fits the heads to the training pairs' features: standardisation on their answers, the penalty by
     * cross-validation, then the heads. What {@code polity reward train} times as head training after embedding.
     *
     * @param group each pair's group, an index into {@code groupNames} (ignored when there are none)
     */
    public static Fitted fit(double[][] chosen, double[][] rejected, int[] group, List<String> groupNames, Settings s) {
        int n = chosen.length;
        Standardizer st = standardizer(chosen, rejected);
        GroupHeads.Examples everyone = differences(chosen, rejected, st, s.embeddingWeight());
        // Everyone: a one-group fit whose shared part is held at zero, so the head alone carries the penalty tried.
        GroupHeads.Selection pooled = GroupHeads.choose(everyone, GroupHeads.Loss.LOGISTIC, false, HELD, s.grid(), 0, s.folds(), s.seed());
        double lambda = pooled.penalties()[0];
        Map<String, Double> cv = new TreeMap<>();
        cv.put("accuracy", accuracy(pooled.outOfFold()[0], null, -1));
        cv.put("log_loss", minimum(pooled.loss(), 0));
        if (groupNames.isEmpty()) {
            return new Fitted(st, head(everyone, lambda), List.of(), lambda, cv);
        }
        int groups = groupNames.size();
        GroupHeads.Examples ex = new GroupHeads.Examples(everyone.z(), everyone.unit(), group.clone(), everyone.y(), everyone.weight(), groups);
        double[] mu = new double[s.headGrid().length];
        for (int m = 0; m < mu.length; m++) {
            mu[m] = s.headGrid()[m] * lambda;
        }
        GroupHeads.Selection sel = GroupHeads.choose(ex, GroupHeads.Loss.LOGISTIC, false, lambda, mu, s.ownPenaltyFrom(), s.folds(), s.seed());
        GroupHeads.Fit f = GroupHeads.fit(ex, GroupHeads.Loss.LOGISTIC, false, lambda, sel.penalties());
        double[] own = new double[n];
        for (int i = 0; i < n; i++) {
            own[i] = sel.outOfFold()[group[i]][i];
        }
        cv.put("accuracy_own_group_head", accuracy(own, null, -1));
        List<RewardModel.Head> heads = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int count = 0;
            for (int v : group) {
                count += v == g ? 1 : 0;
            }
            Map<String, Double> m = new TreeMap<>();
            m.put("accuracy", accuracy(sel.outOfFold()[g], group, g));
            m.put("log_loss", sel.loss()[Arrays.binarySearch(mu, sel.penalties()[g])][g]);
            heads.add(new RewardModel.Head(s.groups(), groupNames.get(g), count, (double) count / n, sel.penalties()[g] / lambda, f.heads()[g], m));
        }
        return new Fitted(st, f.shared(), heads, lambda, cv);
    }

    /** The standardisation of the training pairs' answers, chosen and rejected alike. */
    public static Standardizer standardizer(double[][] chosen, double[][] rejected) {
        double[][] rows = new double[chosen.length + rejected.length][];
        System.arraycopy(chosen, 0, rows, 0, chosen.length);
        System.arraycopy(rejected, 0, rows, chosen.length, rejected.length);
        return Standardizer.fit(rows);
    }

    /**
     * One example per pair for one group: the chosen answer's standardised features minus the rejected one's (the
     * embedding's coordinates weighted), target 1, weight 1.
     */
    public static GroupHeads.Examples differences(double[][] chosen, double[][] rejected, Standardizer st, double embeddingWeight) {
        int n = chosen.length;
        int named = RewardFeatures.named();
        double[][] z = new double[n][];
        int[] unit = new int[n];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double[] a = st.apply(chosen[i]);
            double[] b = st.apply(rejected[i]);
            for (int j = 0; j < a.length; j++) {
                a[j] = (a[j] - b[j]) * (j < named ? 1 : embeddingWeight);
            }
            z[i] = a;
            unit[i] = i;
            y[i] = 1;
            w[i] = 1;
        }
        return new GroupHeads.Examples(z, unit, new int[n], y, w, 1);
    }

    /** One Bradley-Terry head on the differences of one group, at penalty {@code lambda}. */
    public static double[] head(GroupHeads.Examples everyone, double lambda) {
        return GroupHeads.fit(everyone, GroupHeads.Loss.LOGISTIC, false, HELD, new double[] {lambda}).heads()[0];
    }

    /** The share of pairs whose out-of-fold score difference is positive (a tie counts half), over those of group {@code only} (all when -1). */
    private static double accuracy(double[] difference, int[] group, int only) {
        double right = 0;
        int n = 0;
        for (int i = 0; i < difference.length; i++) {
            if (only < 0 || group[i] == only) {
                right += difference[i] > 0 ? 1 : difference[i] == 0 ? 0.5 : 0;
                n++;
            }
        }
        return n == 0 ? Double.NaN : right / n;
    }

    private static double minimum(double[][] loss, int column) {
        double m = Double.POSITIVE_INFINITY;
        for (double[] row : loss) {
            m = Math.min(m, row[column]);
        }
        return m;
    }

    static double[][] pick(double[][] x, int[] at) {
        double[][] out = new double[at.length][];
        for (int k = 0; k < at.length; k++) {
            out[k] = x[at[k]];
        }
        return out;
    }

    static int[] pick(int[] x, int[] at) {
        int[] out = new int[at.length];
        for (int k = 0; k < at.length; k++) {
            out[k] = x[at[k]];
        }
        return out;
    }
}
