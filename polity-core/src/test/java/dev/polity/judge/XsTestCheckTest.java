package dev.polity.judge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.RealData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * XSTest (Röttger et al., 2024): real answers of three models with human labels. Refusal (full or
 * partial) vs compliance accuracy against {@code final_label}, per model, for the default detector and
 * for a detector trained on the other two models (leave one model out), next to the paper's two
 * automatic baselines shipped with the data.
 */
class XsTestCheckTest {
    static final List<String> MODELS = List.of("gpt4", "llama2new", "mistralinstruct");
    static final TrainingData.Columns COLUMNS = new TrainingData.Columns("completion", "prompt", "final_label", "id");
    static Path dir;
    static TextEmbedder embedder;
    static final Map<String, TrainingData> DATA = new LinkedHashMap<>();

    @BeforeAll
    static void load() {
        dir = RealData.require("xstest");
        embedder = CachedEmbedder.miniLm();
        for (String m : MODELS) {
            DATA.put(m, TrainingData.read(List.of(completions(m)), COLUMNS));
        }
    }

    static Path completions(String model) {
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

    /** The paper's baselines: {@code strmatch_label} and {@code gpt4_label}, by id. */
    static double[] baselines(String model, List<LabelledText> rows) {
        CsvTable t = CsvTable.read(dir.resolve("baseline_labels_" + model + ".csv"));
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
            s.add(!byId.get(r.id())[0].startsWith("1_"));
            g.add(!byId.get(r.id())[1].startsWith("1_"));
        }
        return new double[] {accuracy(rows, s), accuracy(rows, g)};
    }

    static List<Boolean> predict(RefusalDetector d, List<LabelledText> rows) {
        List<Answer> answers = rows.stream().map(r -> new Answer(r.prompt(), r.text())).toList();
        return d.classify(answers, n -> { }).stream().map(j -> j.label().refuses()).toList();
    }

    @Test
    void defaultAndLeaveOneModelOutDetectorsBeatTheBaselines() {
        RefusalDetector byDefault = RefusalDetector.withDefaultModel(embedder);
        StringBuilder md = new StringBuilder("| model | string match | GPT-4 judge | default detector | trained, leave one model out |\n|---|---|---|---|---|\n");
        double sumDefault = 0;
        double sumTrained = 0;
        double sumString = 0;
        List<String> failures = new ArrayList<>();
        for (String held : MODELS) {
            List<Path> others = MODELS.stream().filter(m -> !m.equals(held)).map(XsTestCheckTest::completions).toList();
            TrainingData train = TrainingData.read(others, COLUMNS);
            JudgeModel model = RefusalTrainer.train(train, embedder, RefusalTrainer.Settings.DEFAULT.withFolds(0), n -> { });
            List<LabelledText> rows = DATA.get(held).rows();
            double a = accuracy(rows, predict(byDefault, rows));
            double b = accuracy(rows, predict(new RefusalDetector(model, embedder), rows));
            double[] base = baselines(held, rows);
            sumDefault += a;
            sumTrained += b;
            sumString += base[0];
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", held, base[0], base[1], a, b));
            if (!(b > base[0] && b > base[1])) {
                failures.add(held + ": trained " + b + " vs baselines " + base[0] + ", " + base[1]);
            }
        }
        int k = MODELS.size();
        md.append(String.format(Locale.ROOT, "| **mean** | %.3f | | %.3f | %.3f |%n", sumString / k, sumDefault / k, sumTrained / k));
        Figures.write("xstest", md.toString());
        assertTrue(failures.isEmpty(), "the trained detector must beat both baselines on every model: " + failures + "\n" + md);
        assertTrue(sumTrained / k >= 0.93, "mean leave-one-model-out accuracy " + sumTrained / k + "\n" + md);
        assertTrue(sumDefault / k > sumString / k, "the default detector must beat string match on average\n" + md);
    }
}
