package dev.polity.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void percentileIntervalPicksTheCeilOfBAlphaOrderStatistics() {
        // B = 40, α = 0.025: the 1st and the 39th smallest of 1..40 (Efron & Tibshirani 1993, §13.3).
        double[] reps = new double[40];
        for (int i = 0; i < 40; i++) {
            reps[i] = 40 - i;
        }
        assertThat(Bootstrap.percentile(reps, 0.025)).isEqualTo(new Bootstrap.Interval(1, 39));
        // B = 1000: the 25th and the 975th, although 1000 × 0.025 is 25.000000000000004 in floating point.
        double[] thousand = new double[1000];
        for (int i = 0; i < 1000; i++) {
            thousand[i] = i + 1;
        }
        assertThat(Bootstrap.percentile(thousand, 0.025)).isEqualTo(new Bootstrap.Interval(25, 975));
        // B = 10, α = 0.05: B·α = 0.5 rounds up to the 1st; B·(1−α) = 9.5 rounds up to the 10th.
        assertThat(Bootstrap.percentile(new double[] {5, 3, 1, 2, 4, 9, 8, 7, 6, 10}, 0.05)).isEqualTo(new Bootstrap.Interval(1, 10));
        assertThat(reps[0]).as("the replicates are left as they were").isEqualTo(40);
    }

    @Test
    void theIntervalIsAlwaysAReplicateSoItFollowsMonotoneTransformations() {
        SplittableRandom r = new SplittableRandom(3);
        double[] reps = new double[137];
        double[] exp = new double[reps.length];
        for (int i = 0; i < reps.length; i++) {
            reps[i] = r.nextGaussian();
            exp[i] = Math.exp(reps[i]);
        }
        Bootstrap.Interval ci = Bootstrap.percentile(reps, Bootstrap.ALPHA);
        assertThat(Bootstrap.percentile(exp, Bootstrap.ALPHA)).isEqualTo(new Bootstrap.Interval(Math.exp(ci.lower()), Math.exp(ci.upper())));
    }

    @Test
    void aMeanIntervalMatchesTheNormalApproximation() {
        // the mean of 400 draws of N(0, 1) has standard error 0.05: the interval is about mean ± 0.098.
        SplittableRandom data = new SplittableRandom(5);
        double[] x = new double[400];
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = data.nextGaussian();
            mean += x[i] / x.length;
        }
        Bootstrap.Interval ci = new Bootstrap(4000, 1).interval("mean", r -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += x[r.nextInt(x.length)];
            }
            return s / x.length;
        });
        assertThat(ci.lower()).isCloseTo(mean - 0.098, within(0.01));
        assertThat(ci.upper()).isCloseTo(mean + 0.098, within(0.01));
    }

    @Test
    void seededAndIndependentOfOrder() {
        Bootstrap a = new Bootstrap(300, 42);
        Bootstrap.Interval first = a.interval("cell-a", r -> Bootstrap.resampledRate(7, 20, r));
        a.interval("cell-b", r -> Bootstrap.resampledRate(3, 9, r));
        assertThat(a.interval("cell-a", r -> Bootstrap.resampledRate(7, 20, r))).isEqualTo(first);
        assertThat(new Bootstrap(300, 42).interval("cell-a", r -> Bootstrap.resampledRate(7, 20, r))).isEqualTo(first);
        assertThat(new Bootstrap(300, 43).interval("cell-a", r -> Bootstrap.resampledRate(7, 20, r))).isNotEqualTo(first);
        assertThatThrownBy(() -> new Bootstrap(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bootstrap replicates must be at least 1, was 0");
    }

    @Test
    void vectorIntervalsReportEveryReplicate() {
        int[] heard = new int[1];
        Bootstrap.Intervals ci = new Bootstrap(50, 9).intervals("v", 2, r -> new double[] {Bootstrap.resampledRate(5, 10, r), 3}, b -> heard[0] = b);
        assertThat(heard[0]).isEqualTo(50);
        assertThat(ci.replicates()).isEqualTo(50);
        assertThat(ci.lower()[0]).isLessThan(0.5);
        assertThat(ci.upper()[0]).isGreaterThan(0.5);
        assertThat(ci.lower()[1]).isEqualTo(3);
        assertThat(ci.upper()[1]).isEqualTo(3);
    }

    @Test
    void resamplingSchemesHaveTheRightMoments() {
        SplittableRandom r = new SplittableRandom(1);
        int draws = 20_000;
        double rate = 0;
        double rate2 = 0;
        for (int i = 0; i < draws; i++) {
            double p = Bootstrap.resampledRate(3, 10, r);
            rate += p / draws;
            rate2 += p * p / draws;
        }
        // a binomial(10, 0.3) share: mean 0.3, variance 0.3 · 0.7 / 10 = 0.021
        assertThat(rate).isCloseTo(0.3, within(0.005));
        assertThat(rate2 - rate * rate).isCloseTo(0.021, within(0.002));
        for (double lambda : new double[] {0.5, 4, 50}) {
            double m = 0;
            double m2 = 0;
            for (int i = 0; i < draws; i++) {
                double w = Bootstrap.poissonWeight(lambda, r);
                assertThat(w).isNotNegative().isEqualTo(Math.rint(w));
                m += w / draws;
                m2 += w * w / draws;
            }
            // Poisson(λ): mean and variance λ
            assertThat(m).as("mean at %s", lambda).isCloseTo(lambda, within(0.03 * lambda + 0.02));
            assertThat(m2 - m * m).as("variance at %s", lambda).isCloseTo(lambda, within(0.06 * lambda + 0.03));
        }
    }
}
