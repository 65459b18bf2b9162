package dev.polity.judge.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polity.input.InvalidInputException;
import dev.polity.judge.learn.GroupHeads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weighting options of group-aware training on a hand-computed case: two texts; group A rates text 0
 * twice and text 1 once (3 ratings), group B rates text 1 once. An example's weight is its count of ratings
 * over its group's, times the group's weight, times the number of texts (2).
 */
class GroupWeightingTest {
    @TempDir
    Path dir;

    static TrainingData data() {
        List<LabelledText> rows = List.of(
                new LabelledText("r.csv", 2, "t0", "", "first", "1", List.of("A")),
                new LabelledText("r.csv", 3, "t0", "", "first", "3", List.of("A")),
                new LabelledText("r.csv", 4, "t1", "", "second", "5", List.of("A")),
                new LabelledText("r.csv", 5, "t1", "", "second", "4", List.of("B")));
        return new TrainingData(List.of("r.csv"), "", new TrainingData.Columns("text", null, "score", "id", List.of("race")), rows);
    }

    static double[] exampleWeights(DerogationGroupTrainer.Weighting w) {
        GroupRatings r = GroupRatings.of(data());
        double[] groupWeight = DerogationGroupTrainer.groupWeights(r, w).get("race");
        GroupHeads.Examples ex = DerogationGroupTrainer.examples(r, new double[][] {{0}, {1}}, groupWeight);
        // examples: (A, t0), (A, t1), (B, t1)
        assertArrayEquals(new int[] {0, 0, 1}, ex.group());
        assertArrayEquals(new int[] {0, 1, 1}, ex.unit());
        return ex.weight();
    }

    @Test
    void ratingsAreMappedFromTheirRangeAndAveragedPerGroup() {
        GroupRatings r = GroupRatings.of(data());
        assertEquals(1, r.min());
        assertEquals(5, r.max());
        // A on t0: (1, 3) -> (0, 0.5), mean 0.25; everyone on t1: (5, 4) -> (1, 0.75)
        assertEquals(0.25, r.heads().get(0).mean(0), 1e-12);
        assertEquals(0.875, r.everyone().mean(1), 1e-12);
        assertEquals(Double.NaN, r.heads().get(1).mean(0));
        assertEquals(List.of("score_race_A", "score_race_B"), r.heads().stream().map(GroupRatings.Head::output).toList());
    }

    @Test
    void perRating() {
        // group weights 3/4 and 1/4: (2/3)(3/4)2 = 1, (1/3)(3/4)2 = 1/2, (1/1)(1/4)2 = 1/2, as many as ratings over the mean per text
        assertArrayEquals(new double[] {1, 0.5, 0.5}, exampleWeights(DerogationGroupTrainer.Weighting.PER_RATING), 1e-12);
    }

    @Test
    void equalPerGroup() {
        // group weights 1/2 each: (2/3)(1/2)2, (1/3)(1/2)2, (1)(1/2)2
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3, 1}, exampleWeights(DerogationGroupTrainer.Weighting.EQUAL), 1e-12);
    }

    @Test
    void populationWeightsFromAFile() throws Exception {
        Path f = dir.resolve("population.csv");
        Files.writeString(f, "group,weight\nA,1\nB,3\n");
        // group weights 1/4 and 3/4: (2/3)(1/4)2, (1/3)(1/4)2, (1)(3/4)2
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 6, 1.5}, exampleWeights(DerogationGroupTrainer.Weighting.population(f)), 1e-12);
    }

    @Test
    void populationWeightsMustNameEveryGroupAndOnlyGroupsWithRatings() throws Exception {
        Path missing = dir.resolve("missing.csv");
        Files.writeString(missing, "group,weight\nA,1\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> exampleWeights(DerogationGroupTrainer.Weighting.population(missing)));
        assertEquals("--group-weights: no weight for group 'B'; groups are [A, B]", e.oneLine());
        Path extra = dir.resolve("extra.csv");
        Files.writeString(extra, "group,weight\nA,1\nB,1\nMartian,2\n");
        e = assertThrows(InvalidInputException.class, () -> exampleWeights(DerogationGroupTrainer.Weighting.population(extra)));
        assertEquals("extra.csv: --group-weights: group 'Martian' has no ratings in the training data; groups with ratings are A, B", e.oneLine());
    }
}
