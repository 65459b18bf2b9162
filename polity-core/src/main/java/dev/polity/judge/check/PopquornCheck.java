package dev.polity.judge.check;

import dev.polity.input.CsvTable;
import dev.polity.judge.DerogationDetector;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.train.DerogationTrainer;
import dev.polity.judge.train.TrainingData;
import dev.polity.stats.Quantile;
import dev.polity.stats.RankCorrelation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The POPQUORN offensiveness check (Pei and Jurgens, 2023): Spearman correlation of the derogation score
 * with the mean rating of everyone and of each demographic group, for the default model and a model
 * trained by 5-fold cross-validation over texts, next to the human baseline (each annotator against the
 * mean of the others on the same texts).
 */
public final class PopquornCheck {
    public static final String NAME = "popquorn";
    public static final String MARKER = "offensiveness.csv";
    public static final List<String> ATTRIBUTES = List.of("gender", "race", "age", "education");
    /** The group columns of the group-aware detector in the held-out comparison: the table. */
    public static final List<String> GROUP_COLUMNS = List.of("race", "gender");
    /** Groups with fewer ratings give a mean too noisy to compare with. */
    public static final int MIN_GROUP_RATINGS = 300;
    /** An annotator needs this many texts also rated by others to get a correlation of their own. */
    public static final int MIN_ANNOTATOR_TEXTS = 10;

    /** One group of raters ({@code attribute} null for everyone): the texts it rated and the judge's Spearman with its mean rating. */
    public record GroupRow(String attribute, String group, int texts, int ratings, double defaultModel, double trained) {
        public String label() {
            return attribute == null ? "everyone" : attribute + ": " + group;
        }
    }

    /** Each annotator's Spearman with the mean of the others on the same texts: how far people agree. */
    public record HumanBaseline(int annotators, double lowerQuartile, double median, double upperQuartile) {
    }

    /** For one attribute, the groups whose mean rating the trained judge follows most and least. */
    public record Sides(String attribute, String most, double mostRho, String least, double leastRho) {
    }

    /**
     * {@code groups} starts with everyone, then each attribute's groups; {@code heldOut} compares the pooled
     * and the group-aware detector per group on held-out texts ({@link GroupAgreement}; null when not run).
     */
    public record Result(int texts, int ratings, List<GroupRow> groups, HumanBaseline human, GroupAgreement.Result heldOut) {
        public Result {
            groups = List.copyOf(groups);
        }

        public Result(int texts, int ratings, List<GroupRow> groups, HumanBaseline human) {
            this(texts, ratings, groups, human, null);
        }

        public GroupRow everyone() {
            return groups.get(0);
        }

        /** Which groups the (trained) judge sides with, attribute by attribute. */
        public List<Sides> sides() {
            List<Sides> out = new ArrayList<>();
            for (String a : ATTRIBUTES) {
                List<GroupRow> g = groups.stream().filter(r -> a.equals(r.attribute()))
                        .sorted(Comparator.comparingDouble(GroupRow::trained).reversed()).toList();
                if (g.size() >= 2) {
                    GroupRow top = g.get(0);
                    GroupRow bottom = g.get(g.size() - 1);
                    out.add(new Sides(a, top.group(), top.trained(), bottom.group(), bottom.trained()));
                }
            }
            return out;
        }

        public boolean trainedReachesMedianAnnotator() {
            return everyone().trained() >= human.median();
        }

        public String humanBaselineSentence() {
            return String.format(Locale.ROOT, "Human baseline: each of %d annotators' Spearman correlation with the mean of the others on the same texts: "
                    + "median %.3f (quartiles %.3f, %.3f).", human.annotators(), human.median(), human.lowerQuartile(), human.upperQuartile());
        }

        public String sidesSentence() {
            StringBuilder sb = new StringBuilder("The trained judge sides most with ");
            List<Sides> s = sides();
            sb.append(String.join(", ", s.stream().map(x -> x.attribute() + " " + x.most() + String.format(Locale.ROOT, " (%.3f)", x.mostRho())).toList()));
            sb.append("; least with ");
            sb.append(String.join(", ", s.stream().map(x -> x.attribute() + " " + x.least() + String.format(Locale.ROOT, " (%.3f)", x.leastRho())).toList()));
            return sb.append('.').toString();
        }

        public String markdown() {
            StringBuilder md = new StringBuilder("| raters | texts | default model | trained (5-fold CV) |\n|---|---|---|---|\n");
            for (GroupRow g : groups) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", g.label(), g.texts(), g.defaultModel(), g.trained()));
            }
            md.append('\n').append(humanBaselineSentence()).append('\n');
            if (heldOut != null) {
                md.append("\nWhose judgement: the pooled and the group-aware (`--groups ").append(String.join(",", GROUP_COLUMNS))
                        .append("`) detector per group on held-out texts, next to their agreement with as many raters of the largest group (")
                        .append(GroupAgreement.DRAWS).append(" draws: mean [95% range]).\n\n").append(heldOut.markdown());
            }
            return md.toString();
        }
    }

    record Rating(String text, String user, double value, Map<String, String> groups) {
    }

    private PopquornCheck() {
    }

    /** Runs the check on the set in {@code dir}; progress counts texts embedded (once for the default model, once for training). */
    public static Result run(Path dir, TextEmbedder embedder, CheckProgress progress) {
        CsvTable t = CsvTable.read(dir.resolve(MARKER));
        int id = t.column("instance_id", "id");
        int user = t.column("user_id", "user");
        int text = t.column("text", "text");
        int rating = t.column("offensiveness", "rating");
        Map<String, Integer> attribute = new LinkedHashMap<>();
        for (String a : ATTRIBUTES) {
            attribute.put(a, t.column(a, a));
        }
        List<Rating> ratings = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (CsvTable.Row r : t.rows()) {
            List<String> v = r.values();
            Map<String, String> g = new HashMap<>();
            attribute.forEach((a, col) -> g.put(a, v.get(col)));
            double value = r.number(rating);
            ratings.add(new Rating(v.get(id), v.get(user), value, g));
            texts.putIfAbsent(v.get(id), v.get(text));
        }
        List<String> ids = new ArrayList<>(texts.keySet());
        List<String> bodies = ids.stream().map(texts::get).toList();
        double[] everyone = meanBy(ids, ratings, r -> true);

        long total = 2L * bodies.size();
        long[] done = {0};
        java.util.function.IntConsumer step = n -> {
            synchronized (done) {
                done[0] = Math.min(total, done[0] + n);
                progress.update(done[0] <= bodies.size() ? "default model" : "training", done[0], total);
            }
        };
        progress.update("default model", 0, total);
        double[] byDefault = DerogationDetector.withDefaultModel(embedder).scores(bodies, step);
        synchronized (done) {
            done[0] = bodies.size();
        }
        double[][] x = DerogationTrainer.features(bodies, embedder, step);
        // The 1-5 scale onto 0..1, as `polity judge train` maps an observed range.
        double[] y = Arrays.stream(everyone).map(v -> (v - 1) / 4).toArray();
        double[] trained = DerogationTrainer.outOfFold(x, y, DerogationTrainer.Settings.DEFAULT);

        List<GroupRow> rows = new ArrayList<>();
        rows.add(row(null, null, everyone, ratings.size(), byDefault, trained));
        for (String a : ATTRIBUTES) {
            Map<String, Integer> sizes = new LinkedHashMap<>();
            ratings.forEach(r -> sizes.merge(r.groups().get(a), 1, Integer::sum));
            List<String> order = new ArrayList<>(sizes.keySet());
            // Age bands read best in their own order; other attributes from the largest group down.
            order.sort("age".equals(a) ? Comparator.naturalOrder() : Comparator.comparing(sizes::get, Comparator.reverseOrder()));
            for (String group : order) {
                if (sizes.get(group) < MIN_GROUP_RATINGS) {
                    continue;
                }
                double[] mean = meanBy(ids, ratings, r -> group.equals(r.groups().get(a)));
                rows.add(row(a, group, mean, sizes.get(group), byDefault, trained));
            }
        }
        double[] human = annotatorAgreement(ratings);
        progress.update("group heads", total, total);
        TrainingData rated = TrainingData.read(List.of(dir.resolve(MARKER)), new TrainingData.Columns("text", null, "offensiveness", "instance_id", GROUP_COLUMNS));
        GroupAgreement.Result heldOut = GroupAgreement.run(rated, embedder, n -> { });
        progress.update("done", total, total);
        return new Result(ids.size(), ratings.size(), rows,
                new HumanBaseline(human.length, Quantile.of(human, 0.25), Quantile.of(human, 0.5), Quantile.of(human, 0.75)), heldOut);
    }

    static GroupRow row(String attribute, String group, double[] mean, int ratings, double[] byDefault, double[] trained) {
        int n = (int) Arrays.stream(mean).filter(v -> !Double.isNaN(v)).count();
        return new GroupRow(attribute, group, n, ratings, spearmanPresent(mean, byDefault), spearmanPresent(mean, trained));
    }

    /** Mean rating per text among the ratings that pass {@code who}; NaN for a text nobody in the group rated. */
    static double[] meanBy(List<String> ids, List<Rating> ratings, Predicate<Rating> who) {
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

    /**
     * Each annotator's Spearman with the leave-self-out mean of the others, on texts they rated that others
     * rated too (annotators with {@link #MIN_ANNOTATOR_TEXTS}+ such texts).
     */
    static double[] annotatorAgreement(List<Rating> ratings) {
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
            if (pairs.size() < MIN_ANNOTATOR_TEXTS) {
                continue;
            }
            double rho = RankCorrelation.spearman(pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
            if (!Double.isNaN(rho)) {
                out.add(rho);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
