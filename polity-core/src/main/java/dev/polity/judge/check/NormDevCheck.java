package dev.polity.judge.check;

import dev.polity.judge.FactReader;
import dev.polity.judge.Outcome;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.train.NormHeldOut;
import dev.polity.judge.train.NormItem;
import dev.polity.judge.train.NormItems;
import dev.polity.judge.train.NormJudgeTrainer;
import dev.polity.norms.Constitution;
import dev.polity.norms.Norm;
import dev.polity.stats.Bootstrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The norm judge on Polity's development set (or a user's labelled items) with whole norms held out:
 * grouped cross-validation by norm, each fold judged by a model whose penalty, calibration and threshold
 * were chosen inside the other folds ({@link NormJudgeTrainer#crossValidate}). Reports accuracy on
 * decided items and coverage with 95% cluster-bootstrap intervals over norms (Efron and Tibshirani,
 * 1993, §13.3; resampling whole norms, since items of one norm are not independent), per tier,
 * language, kind, hard case and norm, the confusion table, the accuracy-coverage curve, law-tier
 * violation recall, the length-only baseline, and today's offline detectors on the same items
 * ({@link OfflineBaseline}).
 */
public final class NormDevCheck {
    public static final String NAME = "norms";
    public static final double BAR_ACCURACY = 0.85;
    public static final double BAR_COVERAGE = 0.75;
    public static final double BAR_LAW_RECALL = 0.85;
    static final int REPLICATES = 2000;

    /** Items, how many the judge decided and how many of those it got right, and its accuracy when made to decide every item. */
    public record Row(String key, int items, int decided, int right, int rightAtFullCoverage) {
        public double coverage() {
            return items == 0 ? Double.NaN : (double) decided / items;
        }

        public double accuracy() {
            return decided == 0 ? Double.NaN : (double) right / decided;
        }

        public double fullCoverageAccuracy() {
            return items == 0 ? Double.NaN : (double) rightAtFullCoverage / items;
        }
    }

    /** Law-tier items labelled violates: how many, how many the judge called violates, and how many it decided. */
    public record LawRecall(int violating, int caught, int decided) {
        /** Recall among decided items. */
        public double decidedRecall() {
            return decided == 0 ? Double.NaN : (double) caught / decided;
        }

        /** Recall counting every undecided item as missed. */
        public double strictRecall() {
            return violating == 0 ? Double.NaN : (double) caught / violating;
        }
    }

    /** A point of the accuracy-coverage curve: deciding the most confident share {@code coverage} of items. */
    public record CurvePoint(double coverage, double accuracy) {
    }

    public record Result(Row overall, Bootstrap.Interval accuracyInterval, Bootstrap.Interval coverageInterval, LawRecall law,
                         Map<String, List<Row>> breakdown, Map<String, Map<String, Integer>> confusion, List<CurvePoint> curve,
                         double lengthBaseline, double unrelatedDecided, OfflineBaseline.Comparison offline, Map<String, Double> settings) {
        public boolean meetsBars() {
            return overall.accuracy() >= BAR_ACCURACY && overall.coverage() >= BAR_COVERAGE && law.decidedRecall() >= BAR_LAW_RECALL;
        }

        public String markdown() {
            return NormDevReport.markdown(this);
        }
    }

    private NormDevCheck() {
    }

    /** Runs the check on the development set shipped with Polity. */
    public static Result run(Constitution constitution, TextEmbedder embedder, CheckProgress progress) {
        return run(NormItems.devSet(constitution), constitution, embedder, progress);
    }

    public static Result run(List<NormItem> items, Constitution constitution, TextEmbedder embedder, CheckProgress progress) {
        FactReader reader = new FactReader(embedder);
        NormJudgeTrainer.Settings s = NormJudgeTrainer.Settings.DEFAULT;
        progress.update("reading items", 0, items.size());
        NormHeldOut h = NormJudgeTrainer.crossValidate(items, constitution, reader, s, n -> progress.update("cross-validating by norm", n, items.size()));
        Map<String, Norm> norms = constitution.byId();
        Row overall = row("all", h, i -> true);
        Map<String, List<Row>> breakdown = new LinkedHashMap<>();
        breakdown.put("tier", rows(h, i -> norms.get(i.norm()).tier()));
        breakdown.put("language", rows(h, i -> i.language() == null ? "?" : i.language()));
        breakdown.put("kind", rows(h, i -> norms.get(i.norm()).kind().yamlName()));
        breakdown.put("hard case", rows(h, i -> i.hardCase() == null ? "(none)" : i.hardCase()));
        breakdown.put("norm", rows(h, NormItem::norm));
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        int violating = 0;
        int caught = 0;
        int lawDecided = 0;
        for (int i = 0; i < h.items().size(); i++) {
            NormItem it = h.items().get(i);
            Outcome o = h.outcome().get(i);
            confusion.computeIfAbsent(it.verdict().wireName(), k -> new TreeMap<>()).merge(o.wireName(), 1, Integer::sum);
            if (it.violates() && norms.get(it.norm()).tier().equals("law")) {
                violating++;
                caught += o == Outcome.VIOLATES ? 1 : 0;
                lawDecided += o == Outcome.VIOLATES || o == Outcome.COMPLIES ? 1 : 0;
            }
        }
        Bootstrap.Interval[] ci = intervals(h);
        progress.update("offline detectors", items.size(), items.size());
        OfflineBaseline.Comparison offline = OfflineBaseline.compare(h, constitution, embedder);
        Map<String, Double> settings = new LinkedHashMap<>();
        settings.put("folds", (double) s.folds());
        settings.put("target_coverage", s.coverage());
        settings.put("seed", (double) s.seed());
        return new Result(overall, ci[0], ci[1], new LawRecall(violating, caught, lawDecided), breakdown, confusion, curve(h),
                LengthBaseline.heldOut(h.items(), s.folds(), s.seed()), h.metrics().get("unrelated_decided"), offline, settings);
    }

    static boolean decides(Outcome o) {
        return o == Outcome.COMPLIES || o == Outcome.VIOLATES;
    }

    static Row row(String key, NormHeldOut h, java.util.function.Predicate<NormItem> in) {
        int n = 0;
        int decided = 0;
        int right = 0;
        int full = 0;
        for (int i = 0; i < h.items().size(); i++) {
            NormItem it = h.items().get(i);
            if (!in.test(it)) {
                continue;
            }
            n++;
            Outcome o = h.outcome().get(i);
            if (decides(o)) {
                decided++;
                right += (o == Outcome.VIOLATES) == it.violates() ? 1 : 0;
            }
            full += (h.violates()[i] >= 0.5) == it.violates() ? 1 : 0;
        }
        return new Row(key, n, decided, right, full);
    }

    private static List<Row> rows(NormHeldOut h, Function<NormItem, String> key) {
        TreeMap<String, Boolean> keys = new TreeMap<>();
        h.items().forEach(i -> keys.put(key.apply(i), true));
        List<Row> out = new ArrayList<>();
        keys.keySet().forEach(k -> out.add(row(k, h, i -> key.apply(i).equals(k))));
        return out;
    }

    /** Accuracy when deciding only the most confident share of items, for shares 0.1, 0.2, ..., 1.0. */
    static List<CurvePoint> curve(NormHeldOut h) {
        int n = h.items().size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.max(h.violates()[b], 1 - h.violates()[b]),
                Math.max(h.violates()[a], 1 - h.violates()[a])));
        List<CurvePoint> out = new ArrayList<>();
        for (int step = 1; step <= 10; step++) {
            int k = (int) Math.round(step / 10.0 * n);
            int right = 0;
            for (int j = 0; j < k; j++) {
                int i = order[j];
                right += (h.violates()[i] >= 0.5) == h.items().get(i).violates() ? 1 : 0;
            }
            out.add(new CurvePoint(step / 10.0, k == 0 ? Double.NaN : (double) right / k));
        }
        return out;
    }

    /** 95% cluster-bootstrap intervals of accuracy on decided items and of coverage, resampling norms. */
    static Bootstrap.Interval[] intervals(NormHeldOut h) {
        Map<String, int[]> byNorm = new TreeMap<>();
        for (int i = 0; i < h.items().size(); i++) {
            int[] c = byNorm.computeIfAbsent(h.items().get(i).norm(), k -> new int[3]);
            Outcome o = h.outcome().get(i);
            c[0]++;
            if (decides(o)) {
                c[1]++;
                c[2] += (o == Outcome.VIOLATES) == h.items().get(i).violates() ? 1 : 0;
            }
        }
        List<int[]> clusters = new ArrayList<>(byNorm.values());
        Bootstrap b = new Bootstrap(REPLICATES, 17);
        Bootstrap.Intervals ci = b.intervals("norm-dev", 2, r -> {
            int items = 0;
            int decided = 0;
            int right = 0;
            for (int k = 0; k < clusters.size(); k++) {
                int[] c = clusters.get(r.nextInt(clusters.size()));
                items += c[0];
                decided += c[1];
                right += c[2];
            }
            return new double[] {decided == 0 ? 0 : (double) right / decided, (double) decided / items};
        }, null);
        return new Bootstrap.Interval[] {new Bootstrap.Interval(ci.lower()[0], ci.upper()[0]), new Bootstrap.Interval(ci.lower()[1], ci.upper()[1])};
    }
}
