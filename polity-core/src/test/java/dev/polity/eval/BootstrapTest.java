package dev.polity.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void percentileIntervalPicksTheCeilOfBAlphaOrderStatistics() {
        // B = 40, α = 0.025: the 1st and the 39th smallest of 1..40 (Efron & Tibshirani 1993, §13.3).
        double[] reps = new double[40];
        for (int i = 0; i < 40; i++) {
            reps[i] = 40 - i;
        }
        assertThat(Bootstrap.percentileInterval(reps, 0.025)).containsExactly(1.0, 39.0);
        // B = 1000: the 25th and the 975th.
        double[] thousand = new double[1000];
        for (int i = 0; i < 1000; i++) {
            thousand[i] = i + 1;
        }
        assertThat(Bootstrap.percentileInterval(thousand, 0.025)).containsExactly(25.0, 975.0);
        // B = 10, α = 0.05: B·α = 0.5 rounds up to the 1st; B·(1−α) = 9.5 rounds up to the 10th.
        assertThat(Bootstrap.percentileInterval(new double[] {5, 3, 1, 2, 4, 9, 8, 7, 6, 10}, 0.05)).containsExactly(1.0, 10.0);
    }

    @Test
    void degenerateSamplesHaveDegenerateIntervals() {
        Bootstrap b = new Bootstrap(500, 7);
        assertThat(b.rate(10, 10, "x")).isEqualTo(new Estimate(1, 1, 1, 10));
        assertThat(b.rate(0, 10, "x")).isEqualTo(new Estimate(0, 0, 0, 10));
        assertThat(b.rate(0, 0, "x").isEmpty()).isTrue();
        assertThat(b.difference(5, 5, 0, 7, "d")).isEqualTo(new Estimate(1, 1, 1, 12));
        assertThat(b.range(new int[] {3, 0}, new int[] {3, 4}, "r")).isEqualTo(new Estimate(1, 1, 1, 7));
        assertThat(b.range(new int[] {3, 0}, new int[] {3, 0}, "r").isEmpty()).isTrue();
    }

    @Test
    void aRateIntervalMatchesTheNormalApproximationForALargeSample() {
        // p = 0.5, n = 400: standard error sqrt(.25/400) = 0.025, so about 0.451 .. 0.549.
        Estimate e = new Bootstrap(4000, 1).rate(200, 400, "p");
        assertThat(e.value()).isEqualTo(0.5);
        assertThat(e.lo()).isCloseTo(0.451, within(0.01));
        assertThat(e.hi()).isCloseTo(0.549, within(0.01));
    }

    @Test
    void aDifferenceIntervalMatchesTheNormalApproximation() {
        // 0.6 − 0.3 with n = 200 each: se = sqrt(.24/200 + .21/200) = 0.0474; ±1.96·se = ±0.093.
        Estimate e = new Bootstrap(4000, 3).difference(120, 200, 60, 200, "d");
        assertThat(e.value()).isCloseTo(0.3, within(1e-12));
        assertThat(e.lo()).isCloseTo(0.207, within(0.012));
        assertThat(e.hi()).isCloseTo(0.393, within(0.012));
    }

    @Test
    void seededAndIndependentOfOrder() {
        Bootstrap a = new Bootstrap(300, 42);
        Estimate first = a.rate(7, 20, "cell-a");
        a.rate(3, 9, "cell-b");
        assertThat(a.rate(7, 20, "cell-a")).isEqualTo(first);
        assertThat(new Bootstrap(300, 42).rate(7, 20, "cell-a")).isEqualTo(first);
        assertThat(new Bootstrap(300, 43).rate(7, 20, "cell-a")).isNotEqualTo(first);
    }
}
