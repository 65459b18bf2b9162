package dev.polity.judge.check;

import dev.polity.input.CsvTable;
import dev.polity.judge.Answer;
import dev.polity.judge.RefusalClass;
import dev.polity.judge.RefusalDetector;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.train.LabelledText;
import dev.polity.judge.train.RefusalTrainer;
import dev.polity.judge.train.TrainingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The XSTest check (Röttger et al., 2024): real answers of three models with human labels. Refusal (full
 * or partial) vs compliance accuracy against {@code final_label}, per model, for the default detector and
 * for a detector trained on the other two models (leave one model out), next to the paper's two automatic
 * baselines shipped with the data (string match and GPT-4 as judge).
 */
public final class XsTestCheck {
    public static final String NAME = "xstest";
    /** A file every copy of the set holds; it tells the set's folder from another. */
    public static final String MARKER = "completions_gpt4.csv";
    public static final List<String> MODELS = List.of("gpt4", "llama2new", "mistralinstruct");
    static final TrainingData.Columns COLUMNS = new TrainingData.Columns("completion", "prompt", "final_label", "id");

    /** Refusal-vs-compliance accuracies on one model's answers. */
    public record ModelRow(String model, int answers, double stringMatch, double gpt4Judge, double defaultDetector, double trained) {
    }

    /** One row per model, in {@link #MODELS} order, and their unweighted means. */
    public record Result(List<ModelRow> models, ModelRow mean) {
        public Result {
            models = List.copyOf(models);
        }

        /** The models on which the trained detector does not beat both baselines. */
        public List<String> trainedBehindABaseline() {
            return models.stream().filter(Predicate.not(r -> r.trained() > r.stringMatch() && r.trained() > r.gpt4Judge()))
                    .map(ModelRow::model).toList();
        }

        public String markdown() {
            StringBuilder md = new StringBuilder("| model | string match | GPT-4 judge | default detector | trained, leave one model out |\n|---|---|---|---|---|\n");
            for (ModelRow r : models) {
                md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", r.model(), r.stringMatch(), r.gpt4Judge(), r.defaultDetector(), r.trained()));
            }
            md.append(String.format(Locale.ROOT, "| **mean** | %.3f | %.3f | %.3f | %.3f |%n", mean.stringMatch(), mean.gpt4Judge(), mean.defaultDetector(), mean.trained()));
            return md.toString();
        }
    }

    private XsTestCheck() {
    }

    /**
     * Runs the check on the set in {@code dir}. Progress counts answers passed through the embedder: each
     * model's answers once for the default detector, once as training data for each of the two other
     * models, once for its own trained detector.
     */
    public static Result run(Path dir, TextEmbedder embedder, CheckProgress progress) {
        Map<String, TrainingData> data = new LinkedHashMap<>();
        for (String m : MODELS) {
            data.put(m, TrainingData.read(List.of(completions(dir, m)), COLUMNS));
        }
        long all = data.values().stream().mapToLong(d -> d.rows().size()).sum();
        Counter counter = new Counter(progress, 4 * all);
        RefusalDetector byDefault = RefusalDetector.withDefaultModel(embedder);
        List<ModelRow> rows = new ArrayList<>();
        for (String held : MODELS) {
            List<LabelledText> test = data.get(held).rows();
            double a = accuracy(test, predict(byDefault, test, counter.stage("default detector on " + held)));
            List<Path> others = MODELS.stream().filter(m -> !m.equals(held)).map(m -> completions(dir, m)).toList();
            JudgeModel model = RefusalTrainer.train(TrainingData.read(others, COLUMNS), embedder,
                    RefusalTrainer.Settings.DEFAULT.withFolds(0), counter.stage("training without " + held));
            double b = accuracy(test, predict(new RefusalDetector(model, embedder), test, counter.stage("trained detector on " + held)));
            double[] base = baselines(dir, held, test);
            rows.add(new ModelRow(held, test.size(), base[0], base[1], a, b));
        }
        counter.finish();
        ModelRow mean = new ModelRow("mean", (int) all,
                rows.stream().mapToDouble(ModelRow::stringMatch).average().orElse(Double.NaN),
                rows.stream().mapToDouble(ModelRow::gpt4Judge).average().orElse(Double.NaN),
                rows.stream().mapToDouble(ModelRow::defaultDetector).average().orElse(Double.NaN),
                rows.stream().mapToDouble(ModelRow::trained).average().orElse(Double.NaN));
        return new Result(rows, mean);
    }

    static Path completions(Path dir, String model) {
        return dir.resolve("completions_" + model + ".csv");
    }

    static boolean refuses(String label) {
        return RefusalClass.parse(label).orElseThrow().refuses();
    }

    static double accuracy(List<LabelledText> rows, List<Boolean> predictedRefusal) {
        int same = 0;
        for (int i = 0; i < rows.size(); i++) {
            same += refuses(rows.get(i).label()) == predictedRefusal.get(i) ? 1 : 0;
        }
        return (double) same / rows.size();
    }

    /** The paper's baselines, {@code strmatch_label} and {@code gpt4_label}, joined by id. */
    static double[] baselines(Path dir, String model, List<LabelledText> rows) {
        Path file = dir.resolve("baseline_labels_" + model + ".csv");
        CsvTable t = CsvTable.read(file);
        int id = t.column("id", "id");
        int sm = t.column("strmatch_label", "strmatch_label");
        int gp = t.column("gpt4_label", "gpt4_label");
        Map<String, String[]> byId = new HashMap<>();
        t.rows().forEach(r -> byId.put(r.values().get(id), new String[] {r.values().get(sm), r.values().get(gp)}));
        List<Boolean> s = new ArrayList<>();
        List<Boolean> g = new ArrayList<>();
        // A GPT-4 judge output that is not a label (it sometimes answered in prose) counts as "not compliance",
        // which reproduces the accuracies in the data's SOURCE.md.
        for (LabelledText r : rows) {
            String[] labels = byId.get(r.id());
            if (labels == null) {
                throw new dev.polity.input.InvalidInputException(file.toString(), 0, "no baseline labels for id '" + r.id() + "'");
            }
            s.add(!labels[0].startsWith("1_"));
            g.add(!labels[1].startsWith("1_"));
        }
        return new double[] {accuracy(rows, s), accuracy(rows, g)};
    }

    static List<Boolean> predict(RefusalDetector d, List<LabelledText> rows, java.util.function.IntConsumer progress) {
        List<Answer> answers = rows.stream().map(r -> new Answer(r.prompt(), r.text())).toList();
        return d.classify(answers, progress).stream().map(j -> j.label().refuses()).toList();
    }

    /** Adds up the embedder's per-batch counts across the check's stages. */
    static final class Counter {
        private final CheckProgress progress;
        private final long total;
        private long done;

        Counter(CheckProgress progress, long total) {
            this.progress = progress;
            this.total = total;
        }

        java.util.function.IntConsumer stage(String name) {
            progress.update(name, done, total);
            return n -> {
                synchronized (this) {
                    done = Math.min(total, done + n);
                    progress.update(name, done, total);
                }
            };
        }

        /** Cached texts that repeat within a batch are not counted by the embedder; the bar still ends full. */
        synchronized void finish() {
            done = total;
            progress.update("done", done, total);
        }
    }
}
