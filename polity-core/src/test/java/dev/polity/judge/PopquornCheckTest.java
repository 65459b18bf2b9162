package dev.polity.judge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.RealData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POPQUORN offensiveness (Pei and Jurgens, 2023): Spearman correlation of the derogation score with the
 * mean rating of everyone and of each demographic group, for the default model and a model trained by
 * 5-fold cross-validation over texts, next to the human baseline (each annotator against the mean of
 * the others on the same texts).
 */
class PopquornCheckTest {
    static final List<String> ATTRIBUTES = List.of("gender", "race", "age", "education");

    record Rating(String text, String user, double value, Map<String, String> groups) {
    }

    @Test
    void derogationScoresFollowTheAnnotators() {
        CsvTable t = CsvTable.read(RealData.require("popquorn").resolve("offensiveness.csv"));
        int id = t.column("instance_id", "id");
        int user = t.column("user_id", "user");
        int text = t.column("text", "text");
        int rating = t.column("offensiveness", "rating");
        List<Rating> ratings = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (CsvTable.Row r : t.rows()) {
            List<String> v = r.values();
            Map<String, String> g = new HashMap<>();
            for (String a : ATTRIBUTES) {
                g.put(a, v.get(t.column(a, a)));
            }
            ratings.add(new Rating(v.get(id), v.get(user), Double.parseDouble(v.get(rating)), g));
            texts.putIfAbsent(v.get(id), v.get(text));
        }
        List<String> ids = new ArrayList<>(texts.keySet());
        List<String> bodies = ids.stream().map(texts::get).toList();
        double[] everyone = meanBy(ids, ratings, r -> true);

        TextEmbedder embedder = CachedEmbedder.miniLm();
        double[] byDefault = DerogationDetector.withDefaultModel(embedder).scores(bodies, n -> { });
        double[][] x = DerogationTrainer.features(bodies, embedder, n -> { });
        double[] y = Arrays.stream(everyone).map(v -> (v - 1) / 4).toArray();
        double[] trained = DerogationTrainer.outOfFold(x, y, DerogationTrainer.Settings.DEFAULT);

        StringBuilder md = new StringBuilder("| raters | texts | default model | trained (5-fold CV) |\n|---|---|---|---|\n");
        md.append(row("everyone", everyone, byDefault, trained));
        for (String a : ATTRIBUTES) {
            Map<String, Integer> sizes = new LinkedHashMap<>();
            ratings.forEach(r -> sizes.merge(r.groups().get(a), 1, Integer::sum));
            for (String group : sizes.keySet()) {
                if (sizes.get(group) < 300) {
                    continue;
                }
                double[] mean = meanBy(ids, ratings, r -> group.equals(r.groups().get(a)));
                md.append(row(a + ": " + group, mean, byDefault, trained));
            }
        }
        double[] human = annotatorAgreement(ids, ratings);
        double median = median(human);
        double trainedRho = spearmanPresent(everyone, trained);
        double defaultRho = spearmanPresent(everyone, byDefault);
        md.append(String.format(Locale.ROOT, "%nHuman baseline: each of %d annotators' Spearman correlation with the mean of the others on the same texts: "
                + "median %.3f (quartiles %.3f, %.3f).%n", human.length, median, quantile(human, 0.25), quantile(human, 0.75)));
        Figures.write("popquorn", md.toString());
        assertTrue(median > 0.45 && median < 0.6, "the human baseline should be near 0.53, got " + median);
        assertTrue(trainedRho >= median, "trained " + trainedRho + " should reach the median annotator " + median + "\n" + md);
        assertTrue(defaultRho > 0.2, "the default model should correlate with the raters, got " + defaultRho + "\n" + md);
    }

    static String row(String who, double[] mean, double[] byDefault, double[] trained) {
        long n = Arrays.stream(mean).filter(v -> !Double.isNaN(v)).count();
        return String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", who, n, spearmanPresent(mean, byDefault), spearmanPresent(mean, trained));
    }

    /** Mean rating per text among the ratings that pass {@code who}; NaN for a text nobody in the group rated. */
    static double[] meanBy(List<String> ids, List<Rating> ratings, java.util.function.Predicate<Rating> who) {
        Map<String, double[]> sums = new HashMap<>();
        for (Rating r : ratings) {
            if (who.test(r)) {
                double[] s = sums.computeIfAbsent(r.text(), k -> new double[2]);
                s[0] += r.value();
                s[1]++;
            }
        }
        return ids.stream().mapToDouble(i -> sums.containsKey(i) ? sums.get(i)[0] / sums.get(i)[1] : Double.NaN).toArray();
    }

    /** Spearman over the texts where {@code a} is present. */
    static double spearmanPresent(double[] a, double[] b) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i])) {
                pairs.add(new double[] {a[i], b[i]});
            }
        }
        return RankCorrelation.spearman(pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
    }

    /** Each annotator's Spearman with the leave-self-out mean of the others, on texts they rated (annotators with 10+ such texts). */
    static double[] annotatorAgreement(List<String> ids, List<Rating> ratings) {
        Map<String, double[]> totals = new HashMap<>();
        ratings.forEach(r -> {
            double[] s = totals.computeIfAbsent(r.text(), k -> new double[2]);
            s[0] += r.value();
            s[1]++;
        });
        Map<String, List<double[]>> byUser = new LinkedHashMap<>();
        for (Rating r : ratings) {
            double[] s = totals.get(r.text());
            if (s[1] < 2) {
                continue;
            }
            byUser.computeIfAbsent(r.user(), k -> new ArrayList<>()).add(new double[] {r.value(), (s[0] - r.value()) / (s[1] - 1)});
        }
        List<Double> out = new ArrayList<>();
        for (List<double[]> pairs : byUser.values()) {
            if (pairs.size() < 10) {
                continue;
            }
            double rho = RankCorrelation.spearman(pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
            if (!Double.isNaN(rho)) {
                out.add(rho);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double median(double[] v) {
        return quantile(v, 0.5);
    }

    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }
}
