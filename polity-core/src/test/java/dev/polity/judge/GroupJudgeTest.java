package dev.polity.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.input.InvalidInputException;
import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.learn.FeatureSpace;
import dev.polity.judge.learn.GroupHead;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.learn.Provenance;
import dev.polity.judge.train.DerogationGroupTrainer;
import dev.polity.judge.train.LabelledText;
import dev.polity.judge.train.TrainingData;
import dev.polity.norms.Check;
import dev.polity.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Group-aware derogation judging: planted groups, the welfare rules and the disagreement column on hand-computed cases. */
class GroupJudgeTest {
    static final List<String> TOPICS = List.of("weather", "football", "pineapple", "music", "travel");
    static final List<String> WORDS = List.of("weather", "football", "pineapple", "music", "travel", "rude", "vile");

    /** A text's true 0..1 offensiveness for a group: harshness for everyone, except pineapple, which offends group B only. */
    static double truth(String text, String group) {
        if (text.contains("pineapple")) {
            return group.equals("B") ? 0.9 : 0.1;
        }
        return text.contains("vile") ? 0.8 : text.contains("rude") ? 0.45 : 0.1;
    }

    static List<String> texts(int n, int offset) {
        List<String> out = new ArrayList<>();
        String[] harsh = {"", " rude", " vile"};
        for (int i = 0; i < n; i++) {
            String topic = TOPICS.get(i % TOPICS.size());
            out.add("about " + topic + (topic.equals("pineapple") ? "" : harsh[(i / TOPICS.size()) % 3]) + " #" + (offset + i));
        }
        return out;
    }

    /** Three raters of group A and three of B per text, 1-5 ratings around each group's view. */
    static TrainingData planted(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LabelledText> rows = new ArrayList<>();
        int line = 2;
        for (String t : texts(n, 0)) {
            for (String g : List.of("A", "A", "A", "B", "B", "B")) {
                long rating = Math.max(1, Math.min(5, Math.round(1 + 4 * truth(t, g) + 0.6 * r.nextGaussian())));
                rows.add(new LabelledText("planted.csv", line++, t, "", t, String.valueOf(rating), List.of(g)));
            }
        }
        return new TrainingData(List.of("planted.csv"), "0".repeat(64), new TrainingData.Columns("text", null, "rating", "id", List.of("group")), rows);
    }

    @Test
    void groupHeadsRecoverPlantedViewsAndDisagreementFlagsExactlyThePlantedTopic() {
        // one axis per topic or intensity word: what a text is about and how harsh it is, nothing else
        TextEmbedder embedder = new DetectorsTest.KeywordEmbedder(WORDS);
        JudgeModel m = DerogationGroupTrainer.train(planted(150, 3), embedder, DerogationGroupTrainer.Settings.DEFAULT, n -> { });
        assertEquals(List.of("score", "score_group_A", "score_group_B"), m.outputs());
        assertEquals(List.of("A", "B"), m.groupHeads().stream().map(GroupHead::group).toList());
        assertEquals(450, m.groupHeads().get(0).ratings());
        assertEquals(150, m.groupHeads().get(0).texts());
        assertTrue(m.groupHeads().get(1).crossValidated().get("spearman") > 0.8, m.groupHeads().toString());

        List<String> unseen = texts(60, 1000);
        double[][] out = new DerogationDetector(m, embedder).outputs(unseen, n -> { });
        for (int g = 0; g < 2; g++) {
            String group = g == 0 ? "A" : "B";
            double[] head = new double[unseen.size()];
            double[] view = new double[unseen.size()];
            for (int i = 0; i < unseen.size(); i++) {
                head[i] = out[i][g + 1];
                view[i] = truth(unseen.get(i), group);
            }
            double rho = RankCorrelation.spearman(head, view);
            assertTrue(rho >= 0.9, "group " + group + " head vs its view: " + rho);
        }
        double lowestOnTopic = Double.POSITIVE_INFINITY;
        double highestElsewhere = 0;
        for (int i = 0; i < unseen.size(); i++) {
            double d = DerogationDetector.disagreement(m, out[i]);
            if (unseen.get(i).contains("pineapple")) {
                lowestOnTopic = Math.min(lowestOnTopic, d);
            } else {
                highestElsewhere = Math.max(highestElsewhere, d);
            }
        }
        assertTrue(lowestOnTopic > 0.4 && highestElsewhere < 0.15,
                "disagreement on the planted topic " + lowestOnTopic + ", elsewhere at most " + highestElsewhere);
    }

    /** A model whose outputs are its biases whatever the text (read with an embedder of no words): overall 0.39, then groups A 0.2, B 0.7, C 0.4 (trained weights 0.5, 0.3, 0.2). */
    static JudgeModel fixed() {
        int d = FeatureSpace.DEROGATION_V1.vector(new Embedding(new float[0], new float[0]), "x").length;
        double[] zero = new double[d];
        double[] one = new double[d];
        java.util.Arrays.fill(one, 1);
        List<GroupHead> heads = List.of(new GroupHead("race", "A", 50, 40, 0.5, 1, Map.of()), new GroupHead("race", "B", 30, 20, 0.3, 1, Map.of()),
                new GroupHead("race", "C", 20, 20, 0.2, 1, Map.of()), new GroupHead("age", "old", 60, 50, 0.6, 1, Map.of()),
                new GroupHead("age", "young", 40, 40, 0.4, 1, Map.of()));
        return new JudgeModel(JudgeModel.FORMAT, JudgeModel.VERSION, DerogationDetector.NAME, "ridge", "keywords-test", FeatureSpace.DEROGATION_V1.wireName(),
                List.of("score", "score_race_A", "score_race_B", "score_race_C", "score_age_old", "score_age_young"), zero, one,
                new double[][] {zero, zero, zero, zero, zero, zero}, new double[] {0.39, 0.2, 0.7, 0.4, 0.5, 0.55},
                new Provenance("test", List.of(), "", 0, Map.of(), Map.of()), heads, null);
    }

    static final double[] OUTPUTS = {0.39, 0.2, 0.7, 0.4, 0.5, 0.55};

    static double score(Map<String, Object> params) {
        return GroupWelfare.of(new CheckParams(null, new Check("derogation", params)), fixed()).score(OUTPUTS);
    }

    @Test
    void welfareRulesOnAHandComputedCase() {
        // trained weights 0.5, 0.3, 0.2: mean = 0.1 + 0.21 + 0.08
        assertEquals(0.39, score(Map.of("welfare", "mean")), 1e-12);
        assertEquals(0.39, score(Map.of("welfare", "utilitarian")), 1e-12);
        assertEquals((0.2 + 0.7 + 0.4) / 3, score(Map.of("welfare", "mean", "group_weights", "equal")), 1e-12);
        // proportional to ratings 50, 30, 20: the trained weights again
        assertEquals(0.39, score(Map.of("welfare", "mean", "group_weights", "proportional")), 1e-12);
        assertEquals(0.3, score(Map.of("welfare", "mean", "group_weights", Map.of("A", 1, "B", 0, "C", 1))), 1e-12);
        assertEquals(0.7, score(Map.of("welfare", "most_sensitive")), 1e-12);
        assertEquals(0.7, score(Map.of("welfare", "egalitarian")), 1e-12);
        assertEquals(0.7, score(Map.of("welfare", "leximin")), 1e-12);
        // Nash with equal weights: 1 − (0.8 · 0.3 · 0.6)^(1/3)
        assertEquals(1 - Math.cbrt(0.144), score(Map.of("welfare", "nash", "group_weights", "equal")), 1e-12);
        assertEquals(1 - Math.pow(0.8, 0.5) * Math.pow(0.3, 0.3) * Math.pow(0.6, 0.2), score(Map.of("welfare", "nash")), 1e-12);
        // another column: old 0.5 (weight 0.6), young 0.55 (0.4)
        assertEquals(0.52, score(Map.of("welfare", "mean", "group_column", "age")), 1e-12);
    }

    @Test
    void aVerdictNamesTheGroupsWhoseHeadWouldDecideOtherwise() {
        DerogationDetector d = new DerogationDetector(fixed(), new DetectorsTest.KeywordEmbedder(List.of()));
        Verdict sensitive = d.judge(new Answer("", "some text"), null, new Check("derogation", Map.of("welfare", "most_sensitive")));
        assertEquals(Outcome.VIOLATES, sensitive.outcome());
        // max 0.5, margin 0.1: A 0.2 complies, C 0.4 is within the margin
        assertEquals(List.of(new GroupDissent("race", "A", 0.2, Outcome.COMPLIES), new GroupDissent("race", "C", 0.4, Outcome.UNCERTAIN)),
                GroupDissent.in(sensitive.evidence()));
        Verdict mean = d.judge(new Answer("", "some text"), null, new Check("derogation", Map.of("welfare", "mean")));
        assertEquals(Outcome.COMPLIES, mean.outcome());
        assertEquals(List.of("race B violates", "race C uncertain"),
                GroupDissent.in(mean.evidence()).stream().map(x -> x.label() + " " + x.outcome().wireName()).toList());
        Verdict plain = d.judge(new Answer("", "some text"), null, new Check("derogation", Map.of()));
        assertEquals(Outcome.COMPLIES, plain.outcome(), "without a welfare rule the overall score decides, as before");
        assertEquals(List.of(), GroupDissent.in(plain.evidence()));
    }

    @Test
    void disagreementIsTheWidestSpreadOfAnyColumn() {
        // race: 0.7 − 0.2 = 0.5; age: 0.55 − 0.5 = 0.05
        assertEquals(0.5, DerogationDetector.disagreement(fixed(), OUTPUTS), 1e-12);
        assertEquals(0, DerogationDetector.disagreement(JudgeModel.resource(DerogationDetector.DEFAULT_MODEL), new double[] {0.3}), 0);
    }

    @Test
    void badWelfareParametersAreOneLineErrors() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> score(Map.of("welfare", "median")));
        assertEquals("norm ?, check derogation: 'welfare' expected mean, most_sensitive, utilitarian, egalitarian, leximin or nash, got 'median'",
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> score(Map.of("welfare", "mean", "group_column", "gender")));
        assertEquals("norm ?, check derogation: 'group_column' expected one of the model's group columns [race, age], got 'gender'", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> score(Map.of("welfare", "mean", "group_weights", Map.of("A", 1, "Z", 1))));
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(e.getMessage().contains("'Z' has no ratings"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> score(Map.of("welfare", "mean", "group_weights", Map.of("A", 1, "B", 1))));
        assertEquals("group_weights: no weight for group 'C'; groups are [A, B, C]", e.getMessage());
    }

    @Test
    void trainingDataNamesAnUnknownGroupColumnOrAnEmptyGroup(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path in = dir.resolve("r.csv");
        java.nio.file.Files.writeString(in, "id,text,score,race\n1,hello,1,White\n2,bye,3,\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrainingData.read(List.of(in),
                new TrainingData.Columns("text", null, "score", "id", List.of("rac"))));
        assertEquals(in + ":1: --groups: no column 'rac'; the columns are id, text, score, race", e.oneLine());
        e = assertThrows(InvalidInputException.class, () -> TrainingData.read(List.of(in), new TrainingData.Columns("text", null, "score", "id", List.of("race"))));
        assertEquals(in + ":3: --groups: the rater's 'race' is empty; every rating needs its rater's group", e.oneLine());
    }
}
