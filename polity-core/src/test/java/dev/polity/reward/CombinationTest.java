package dev.polity.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Welfare over two groups' utilities, against figures worked out by hand. */
class CombinationTest {
    @TempDir
    Path dir;

    /** Two heads: north with 300 training pairs (log loss 0.6), south with 100 (log loss 0.7). */
    static RewardModel twoGroups() {
        List<RewardModel.Head> heads = List.of(
                new RewardModel.Head("region", "north", 300, 0.75, 1, new double[] {1}, Map.of("log_loss", 0.6)),
                new RewardModel.Head("region", "south", 100, 0.25, 1, new double[] {-1}, Map.of("log_loss", 0.7)));
        return new RewardModel(RewardModel.FORMAT, RewardModel.VERSION, "stub", RewardFeatures.SPACE, List.of("x"), 1, 1,
                new double[] {0}, new double[] {1}, new double[] {0}, heads, null, null);
    }

    @Test
    void utilitarianEgalitarianAndNashOnHandComputedCases() {
        double[] u = {0.8, 0.2};
        // trained weights 3/4 and 1/4: 0.75*0.8 + 0.25*0.2 = 0.65
        assertThat(Combination.of("utilitarian", twoGroups(), "trained").combine(u)).isCloseTo(0.65, within(1e-12));
        // equal weights: (0.8 + 0.2) / 2 = 0.5
        assertThat(Combination.of("utilitarian", twoGroups(), "equal").combine(u)).isCloseTo(0.5, within(1e-12));
        // max-min: the worse-off group's 0.2, whatever the weights
        assertThat(Combination.of("egalitarian", twoGroups(), "trained").combine(u)).isCloseTo(0.2, within(1e-12));
        // Nash, equal weights: sqrt(0.8 * 0.2) = 0.4
        assertThat(Combination.of("nash", twoGroups(), "equal").combine(u)).isCloseTo(0.4, within(1e-12));
        // Nash, trained weights: 0.8^0.75 * 0.2^0.25 = 0.565685...
        assertThat(Combination.of("nash", twoGroups(), "trained").combine(u)).isCloseTo(Math.pow(0.8, 0.75) * Math.pow(0.2, 0.25), within(1e-12));
        // a group that rejects an answer outright pulls Nash to (almost) zero, not to minus infinity
        assertThat(Combination.of("nash", twoGroups(), "equal").combine(new double[] {0.9, 0})).isBetween(0.0, 1e-5);
    }

    @Test
    void robustWeightsLeanTowardsTheGroupTheModelServesWorst() {
        Combination r = Combination.of("robust", twoGroups(), "equal");
        // alpha ∝ exp(10 * loss): exp(6) : exp(7), so south gets e/(1+e) = 0.731...
        assertThat(r.weights()[1]).isCloseTo(Math.E / (1 + Math.E), within(1e-12));
        assertThat(r.combine(new double[] {0.8, 0.2})).isCloseTo(0.8 / (1 + Math.E) + 0.2 * Math.E / (1 + Math.E), within(1e-12));
    }

    @Test
    void populationWeightsFromAFileAndErrorsNamingTheOption() throws IOException {
        Path w = Files.writeString(dir.resolve("w.csv"), "group,weight\nnorth,1\nsouth,3\n");
        assertThat(Combination.of("utilitarian", twoGroups(), w.toString()).combine(new double[] {0.8, 0.2})).isCloseTo(0.35, within(1e-12));
        Path missing = Files.writeString(dir.resolve("m.csv"), "group,weight\nnorth,1\n");
        assertThatThrownBy(() -> Combination.of("utilitarian", twoGroups(), missing.toString())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--group-weights: no weight for group 'south'");
        assertThatThrownBy(() -> Combination.of("leximin", twoGroups(), "equal")).hasMessageStartingWith("--welfare: leximin orders answers");
        assertThatThrownBy(() -> Combination.of("median", twoGroups(), "equal"))
                .hasMessage("--welfare: expected one of utilitarian, egalitarian, nash, robust, got 'median'");
    }

    @Test
    void aUtilityIsTheLogisticOfTheScore() {
        assertThat(Combination.utility(0)).isEqualTo(0.5);
        assertThat(Combination.utility(Math.log(3))).isCloseTo(0.75, within(1e-12));
        assertThat(Combination.utility(-800)).isGreaterThanOrEqualTo(0).isLessThan(1e-300);
    }
}
