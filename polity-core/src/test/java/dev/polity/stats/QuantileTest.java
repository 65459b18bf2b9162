package dev.polity.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.junit.jupiter.api.Test;

class QuantileTest {

    @Test
    void type7AgreesWithCommonsMathR7OnRandomSamplesWithTies() {
        SplittableRandom r = new SplittableRandom(7);
        for (int t = 0; t < 2000; t++) {
            double[] v = values(r);
            double p = t % 10 == 0 ? 1 : r.nextDouble(1e-9, 1);
            double reference = new Percentile(100 * p).withEstimationType(EstimationType.R_7).evaluate(v);
            assertThat(Quantile.of(v, p)).as("p=%s of %s", p, Arrays.toString(v)).isCloseTo(reference, within(1e-12));
        }
    }

    @Test
    void type1AgreesWithCommonsMathR1OnRandomSamplesWithTies() {
        SplittableRandom r = new SplittableRandom(11);
        for (int t = 0; t < 2000; t++) {
            double[] v = values(r);
            double p = r.nextDouble(1e-9, 1);
            double reference = new Percentile(100 * p).withEstimationType(EstimationType.R_1).evaluate(v);
            double[] s = v.clone();
            Arrays.sort(s);
            assertThat(Quantile.inverseEmpirical(s, p)).as("p=%s of %s", p, Arrays.toString(v)).isEqualTo(reference);
        }
    }

    private static double[] values(SplittableRandom r) {
        double[] v = new double[1 + r.nextInt(50)];
        boolean ties = r.nextBoolean();
        for (int i = 0; i < v.length; i++) {
            v[i] = ties ? r.nextInt(4) : r.nextGaussian();
        }
        return v;
    }

    @Test
    void knownAnswers() {
        double[] tenToOne = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        // R: quantile(1:10, c(0, .25, .5, .9, 1)) = 1, 3.25, 5.5, 9.1, 10
        assertThat(Quantile.of(tenToOne, 0)).isEqualTo(1);
        assertThat(Quantile.of(tenToOne, 0.25)).isCloseTo(3.25, within(1e-12));
        assertThat(Quantile.of(tenToOne, 0.5)).isCloseTo(5.5, within(1e-12));
        assertThat(Quantile.of(tenToOne, 0.9)).isCloseTo(9.1, within(1e-12));
        assertThat(Quantile.of(tenToOne, 1)).isEqualTo(10);
        assertThat(tenToOne[0]).as("the input is left as it was").isEqualTo(10);
        assertThat(Quantile.of(new double[0], 0.5)).isNaN();
        assertThat(Quantile.of(new double[] {4}, 0.3)).isEqualTo(4);
        assertThatThrownBy(() -> Quantile.of(tenToOne, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a quantile's p must lie in [0, 1], was 1.5");
        assertThatThrownBy(() -> Quantile.of(tenToOne, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
