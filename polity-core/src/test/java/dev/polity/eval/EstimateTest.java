package dev.polity.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.polity.stats.Bootstrap;
import org.junit.jupiter.api.Test;

class EstimateTest {

    @Test
    void degenerateSamplesHaveDegenerateIntervals() {
        Bootstrap b = new Bootstrap(500, 7);
        assertThat(Estimate.rate(b, 10, 10, "x")).isEqualTo(new Estimate(1, 1, 1, 10));
        assertThat(Estimate.rate(b, 0, 10, "x")).isEqualTo(new Estimate(0, 0, 0, 10));
        assertThat(Estimate.rate(b, 0, 0, "x").isEmpty()).isTrue();
        assertThat(Estimate.difference(b, 5, 5, 0, 7, "d")).isEqualTo(new Estimate(1, 1, 1, 12));
        assertThat(Estimate.range(b, new int[] {3, 0}, new int[] {3, 4}, "r")).isEqualTo(new Estimate(1, 1, 1, 7));
        assertThat(Estimate.range(b, new int[] {3, 0}, new int[] {3, 0}, "r").isEmpty()).isTrue();
    }

    @Test
    void aRateIntervalMatchesTheNormalApproximationForALargeSample() {
        // p = 0.5, n = 400: standard error sqrt(.25/400) = 0.025, so about 0.451 .. 0.549.
        Estimate e = Estimate.rate(new Bootstrap(4000, 1), 200, 400, "p");
        assertThat(e.value()).isEqualTo(0.5);
        assertThat(e.lo()).isCloseTo(0.451, within(0.01));
        assertThat(e.hi()).isCloseTo(0.549, within(0.01));
    }

    @Test
    void aDifferenceIntervalMatchesTheNormalApproximation() {
        // 0.6 − 0.3 with n = 200 each: se = sqrt(.24/200 + .21/200) = 0.0474; ±1.96·se = ±0.093.
        Estimate e = Estimate.difference(new Bootstrap(4000, 3), 120, 200, 60, 200, "d");
        assertThat(e.value()).isCloseTo(0.3, within(1e-12));
        assertThat(e.lo()).isCloseTo(0.207, within(0.012));
        assertThat(e.hi()).isCloseTo(0.393, within(0.012));
    }

    @Test
    void aRangeIsTheSpreadOfTheObservedGroupsOnly() {
        // 0.2, (none), 0.7: the range is 0.5 and rests on the 30 observations of the two measured groups.
        Estimate e = Estimate.range(new Bootstrap(2000, 5), new int[] {2, 0, 14}, new int[] {10, 0, 20}, "g");
        assertThat(e.value()).isCloseTo(0.5, within(1e-12));
        assertThat(e.n()).isEqualTo(30);
        assertThat(e.lo()).isLessThan(0.5).isGreaterThan(0);
        assertThat(e.hi()).isGreaterThan(0.5).isLessThanOrEqualTo(1);
    }
}
