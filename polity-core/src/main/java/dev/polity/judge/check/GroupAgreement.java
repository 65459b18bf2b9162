package dev.polity.judge.check;

import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.learn.Folds;
import dev.polity.judge.learn.GroupHead;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.train.DerogationGroupTrainer;
import dev.polity.judge.train.DerogationTrainer;
import dev.polity.judge.train.LabelledText;
import dev.polity.judge.train.TrainingData;
import dev.polity.stats.Bootstrap;
import dev.polity.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Whose judgement a detector carries, measured so that no group is compared at a disadvantage: on texts held
 * out from training, each group's mean rating against the detector's score for it (Spearman), next to the
 * same detector's agreement with equally many raters of the column's largest group on the same texts (for
 * each text as many of its ratings as the group has there, drawn at random {@value #DRAWS} times; the mean and
 * the 2.5% and 97.5% points of the draws). Groups rate different texts with different numbers of raters, so
 * this holds the noise equal. Two detectors side by side: the pooled one ({@code polity judge train}) and the
 * group-aware one ({@code --groups}), whose score for a group is its group's head.
 */
public final class GroupAgreement {
    /** Texts held out: fold 0 of 5 over texts in order of first appearance, shuffled with {@link #SPLIT_SEED}. */
    public static final int SPLIT_FOLDS = 5;
    public static final long SPLIT_SEED = 1;
    public static final int DRAWS = 200;
    /** Groups with fewer held-out ratings are shown but not held to the bar. */
    public static final int MIN_RATINGS = 100;
    /** How far the group-aware detector's overall Spearman may fall below the pooled one's. */
    public static final double OVERALL_TOLERANCE = 0.01;

    /** The mean of the draws and their 2.5% and 97.5% points. */
    public record Range(double mean, double lower, double upper) {
        public String text() {
            return Double.isNaN(mean) ? "–" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", mean, lower, upper);
        }
    }

    /**
     * One group on the held-out texts: how many texts and ratings; how well the largest group's own mean rating
     * follows the group's ({@code largestMean}: what a score that follows the majority perfectly would get); and
     * for each detector its Spearman with the group's mean rating and its range against same-size samples of the
     * largest group ({@code largest}).
     */
    public record Row(String column, String group, int texts, int ratings, String largest, double largestMean, double pooled, Range pooledLargest,
                      double grouped, Range groupedLargest) {
        /** Held to the bar: enough held-out ratings, and not the largest group itself (its samples are its own ratings, so it is the reference). */
        public boolean counted() {
            return ratings >= MIN_RATINGS && !reference();
        }

        public boolean reference() {
            return group.equals(largest);
        }

        /** The bar: the group's head agrees with it at least as well as the low end of the pooled detector's range. */
        public boolean meetsBar() {
            return grouped >= pooledLargest.lower();
        }

        /** The aim: at or above the middle of that range. */
        public boolean meetsAim() {
            return grouped >= pooledLargest.mean();
        }

        public String label() {
            return column + ": " + group;
        }
    }

    /** The split, both detectors' Spearman with everyone's mean rating on the held-out texts, and the rows by column and group. */
    public record Result(List<String> columns, int heldOutFold, int trainTexts, int heldOutTexts, double pooledOverall, double groupedOverall,
                         List<Row> rows) {
        public Result {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }

        public boolean overallKept() {
            return groupedOverall >= pooledOverall - OVERALL_TOLERANCE;
        }

        public List<Row> counted() {
            return rows.stream().filter(Row::counted).toList();
        }

        public List<String> belowBar() {
            return counted().stream().filter(r -> !r.meetsBar()).map(Row::label).toList();
        }

        public List<String> belowAim() {
            return counted().stream().filter(r -> !r.meetsAim()).map(Row::label).toList();
        }

        public String markdown() {
            StringBuilder md = new StringBuilder();
            md.append(String.format(Locale.ROOT, "Held out: %d of %d texts (fold %d of %d over texts, seed %d); trained on the other %d. "
                    + "Spearman with everyone's mean rating: pooled %.3f, group-aware %.3f.%n%n", heldOutTexts, heldOutTexts + trainTexts,
                    heldOutFold, SPLIT_FOLDS, SPLIT_SEED, trainTexts, pooledOverall, groupedOverall));
            md.append("| raters | texts | ratings | largest group's mean vs the group | pooled vs the group | pooled vs same-size samples of the largest group | "
                    + "group-aware (its head) vs the group | group-aware vs same-size samples (largest group's head) |\n|---|---|---|---|---|---|---|---|\n");
            for (Row r : rows) {
                String note = r.reference() ? " (the reference)" : r.counted() ? "" : " (too few for the bar)";
                md.append(String.format(Locale.ROOT, "| %s%s | %d | %d | %s | %s | %s (%s) | %s | %s |%n", r.label(), note,
                        r.texts(), r.ratings(), number(r.largestMean()), number(r.pooled()), r.pooledLargest().text(), r.largest(), number(r.grouped()), r.groupedLargest().text()));
            }
            md.append('\n').append(bars()).append('\n');
            return md.toString();
        }

        public String bars() {
            List<String> below = belowBar();
            List<String> aim = belowAim();
            return String.format(Locale.ROOT, "Overall within %.2f of pooled: %s. Every group with %d+ held-out ratings (besides the largest, the "
                    + "reference) at least the low end of the pooled range: %s. At or above its middle: %s.", OVERALL_TOLERANCE, overallKept() ? "yes" : "no", MIN_RATINGS,
                    below.isEmpty() ? "yes" : "no (" + String.join(", ", below) + ")",
                    aim.isEmpty() ? "yes" : "no (" + String.join(", ", aim) + ")");
        }
    }

    private GroupAgreement() {
    }

    static String number(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** {@link #run(TrainingData, TextEmbedder, int, IntConsumer)} holding out fold 0, the split the figures use. */
    public static Result run(TrainingData data, TextEmbedder embedder, IntConsumer progress) {
        return run(data, embedder, 0, progress);
    }

    /**
     * Trains both detectors on the texts outside fold {@code heldOutFold} of {@code data} (rows sharing an id
     * are one text; {@code data}'s group columns give the heads) and compares them on that fold.
     */
    public static Result run(TrainingData data, TextEmbedder embedder, int heldOutFold, IntConsumer progress) {
        List<String> ids = new ArrayList<>();
        Map<String, String> body = new LinkedHashMap<>();
        for (LabelledText r : data.rows()) {
            if (body.putIfAbsent(r.id(), r.text()) == null) {
                ids.add(r.id());
            }
        }
        int[] fold = Folds.assign(ids.size(), SPLIT_FOLDS, SPLIT_SEED);
        Set<String> heldOut = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (fold[i] == heldOutFold) {
                heldOut.add(ids.get(i));
            }
        }
        List<LabelledText> train = data.rows().stream().filter(r -> !heldOut.contains(r.id())).toList();
        TrainingData trainData = new TrainingData(data.inputs(), data.sha256(), data.columns(), train);
        JudgeModel pooled = DerogationTrainer.train(trainData, embedder, DerogationTrainer.Settings.DEFAULT, progress);
        JudgeModel grouped = DerogationGroupTrainer.train(trainData, embedder, DerogationGroupTrainer.Settings.DEFAULT, n -> { });

        List<String> testIds = ids.stream().filter(heldOut::contains).toList();
        List<String> testTexts = testIds.stream().map(body::get).toList();
        List<Embedding> e = embedder.embed(testTexts, n -> { });
        Map<String, Integer> at = new HashMap<>();
        double[] pooledScore = new double[testIds.size()];
        double[][] groupedScore = new double[testIds.size()][];
        for (int t = 0; t < testIds.size(); t++) {
            at.put(testIds.get(t), t);
            pooledScore[t] = pooled.predict(e.get(t), testTexts.get(t))[0];
            groupedScore[t] = grouped.predict(e.get(t), testTexts.get(t));
        }
        // ratings per held-out text: everyone's, and each column's groups'
        List<List<Double>> everyone = new ArrayList<>();
        for (int t = 0; t < testIds.size(); t++) {
            everyone.add(new ArrayList<>());
        }
        List<String> columns = data.columns().groups();
        Map<String, Map<String, List<List<Double>>>> byGroup = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> sizes = new LinkedHashMap<>();
        for (LabelledText r : data.rows()) {
            double v = Double.parseDouble(r.label().trim());
            for (int c = 0; c < columns.size(); c++) {
                sizes.computeIfAbsent(columns.get(c), k -> new LinkedHashMap<>()).merge(r.groups().get(c), 1, Integer::sum);
            }
            Integer t = at.get(r.id());
            if (t == null) {
                continue;
            }
            everyone.get(t).add(v);
            for (int c = 0; c < columns.size(); c++) {
                byGroup.computeIfAbsent(columns.get(c), k -> new java.util.TreeMap<>())
                        .computeIfAbsent(r.groups().get(c), k -> emptyLists(testIds.size())).get(t).add(v);
            }
        }
        double[] everyoneMean = everyone.stream().mapToDouble(GroupAgreement::mean).toArray();
        double pooledOverall = RankCorrelation.spearman(pooledScore, everyoneMean);
        double[] groupedOverallScore = new double[testIds.size()];
        for (int t = 0; t < testIds.size(); t++) {
            groupedOverallScore[t] = groupedScore[t][0];
        }
        double groupedOverall = RankCorrelation.spearman(groupedOverallScore, everyoneMean);

        List<GroupHead> heads = grouped.groupHeads();
        List<Row> rows = new ArrayList<>();
        for (String column : columns) {
            String largest = sizes.get(column).entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow().getKey();
            int largestHead = headIndex(heads, column, largest);
            for (var g : byGroup.get(column).entrySet()) {
                List<List<Double>> own = g.getValue();
                List<List<Double>> big = byGroup.get(column).get(largest);
                int head = headIndex(heads, column, g.getKey());
                double[] groupedFor = new double[testIds.size()];
                double[] groupedLargest = new double[testIds.size()];
                for (int t = 0; t < testIds.size(); t++) {
                    groupedFor[t] = head < 0 ? groupedScore[t][0] : groupedScore[t][head + 1];
                    groupedLargest[t] = largestHead < 0 ? groupedScore[t][0] : groupedScore[t][largestHead + 1];
                }
                int texts = 0;
                int ratings = 0;
                for (List<Double> l : own) {
                    texts += l.isEmpty() ? 0 : 1;
                    ratings += l.size();
                }
                String stream = column + "/" + g.getKey();
                double[] bigMean = big.stream().mapToDouble(GroupAgreement::mean).toArray();
                List<List<Double>> ownWhereBig = new ArrayList<>();
                for (int t = 0; t < own.size(); t++) {
                    ownWhereBig.add(big.get(t).isEmpty() ? List.of() : own.get(t));
                }
                rows.add(new Row(column, g.getKey(), texts, ratings, largest, agreement(ownWhereBig, bigMean),
                        agreement(own, pooledScore), sameSize(own, big, pooledScore, stream),
                        agreement(own, groupedFor), sameSize(own, big, groupedLargest, stream)));
            }
        }
        return new Result(columns, heldOutFold, ids.size() - testIds.size(), testIds.size(), pooledOverall, groupedOverall, rows);
    }

    private static List<List<Double>> emptyLists(int n) {
        List<List<Double>> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private static int headIndex(List<GroupHead> heads, String column, String group) {
        for (int h = 0; h < heads.size(); h++) {
            if (heads.get(h).column().equals(column) && heads.get(h).group().equals(group)) {
                return h;
            }
        }
        return -1;
    }

    static double mean(List<Double> v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.isEmpty() ? Double.NaN : s / v.size();
    }

    /** Spearman of the score with the group's mean rating, over the texts the group rated. */
    static double agreement(List<List<Double>> ratings, double[] score) {
        List<double[]> pairs = new ArrayList<>();
        for (int t = 0; t < score.length; t++) {
            if (!ratings.get(t).isEmpty()) {
                pairs.add(new double[] {score[t], mean(ratings.get(t))});
            }
        }
        return spearman(pairs);
    }

    private static double spearman(List<double[]> pairs) {
        if (pairs.size() < 3) {
            return Double.NaN;
        }
        return RankCorrelation.spearman(pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
    }

    /**
     * The score against the mean of same-size samples of the largest group: on each text the group rated (and
     * the largest group too), as many of the largest group's ratings as the group has there, without
     * replacement while there are enough (else with), {@value #DRAWS} times with a stream seeded per group.
     */
    static Range sameSize(List<List<Double>> own, List<List<Double>> largest, double[] score, String stream) {
        double[] rho = new double[DRAWS];
        // String.hashCode is fixed by the language, so the stream is the same in every JVM.
        SplittableRandom r = new SplittableRandom(SPLIT_SEED * 1_000_003L + stream.hashCode());
        for (int b = 0; b < DRAWS; b++) {
            List<double[]> pairs = new ArrayList<>();
            for (int t = 0; t < score.length; t++) {
                int k = own.get(t).size();
                List<Double> pool = largest.get(t);
                if (k == 0 || pool.isEmpty()) {
                    continue;
                }
                pairs.add(new double[] {score[t], sampleMean(pool, k, r)});
            }
            rho[b] = spearman(pairs);
        }
        if (Double.isNaN(rho[0])) {
            return new Range(Double.NaN, Double.NaN, Double.NaN);
        }
        Bootstrap.Interval ci = Bootstrap.percentile(rho, Bootstrap.ALPHA);
        double m = 0;
        for (double v : rho) {
            m += v;
        }
        return new Range(m / DRAWS, ci.lower(), ci.upper());
    }

    private static double sampleMean(List<Double> pool, int k, SplittableRandom r) {
        double s = 0;
        if (pool.size() < k) {
            for (int i = 0; i < k; i++) {
                s += pool.get(r.nextInt(pool.size()));
            }
            return s / k;
        }
        double[] v = pool.stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(v.length - i);
            double x = v[j];
            v[j] = v[i];
            v[i] = x;
            s += x;
        }
        return s / k;
    }
}
