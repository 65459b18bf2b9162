package dev.polity.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {

    /** Random paired samples, half of them drawn from a few values so that ties are common, some correlated. */
    static double[][] sample(SplittableRandom r) {
        int n = 2 + r.nextInt(60);
        int levels = r.nextBoolean() ? 2 + r.nextInt(5) : 0;
        double mix = r.nextDouble() * 2 - 1;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = levels > 0 ? r.nextInt(levels) : r.nextDouble();
            double noise = levels > 0 ? r.nextInt(levels) : r.nextDouble();
            b[i] = levels > 0 ? Math.round(mix * a[i] + (1 - Math.abs(mix)) * noise) : mix * a[i] + (1 - Math.abs(mix)) * noise;
        }
        return new double[][] {a, b};
    }

    @Test
    void agreesWithCommonsMathOnRandomSamplesWithTies() {
        SplittableRandom r = new SplittableRandom(20261201);
        int defined = 0;
        for (int t = 0; t < 2000; t++) {
            double[][] s = sample(r);
            double[] a = s[0];
            double[] b = s[1];
            double spearman = new SpearmansCorrelation().correlation(a, b);
            double kendall = new KendallsCorrelation().correlation(a, b);
            double pearson = new PearsonsCorrelation().correlation(a, b);
            check(RankCorrelation.spearman(a, b), spearman);
            check(RankCorrelation.kendallTauB(a, b), kendall);
            check(RankCorrelation.pearson(a, b), pearson);
            defined += Double.isNaN(kendall) ? 0 : 1;
        }
        // the comparison is not vacuous: most samples have a defined correlation
        assertThat(defined).isGreaterThan(1500);
    }

    private static void check(double ours, double reference) {
        if (Double.isNaN(reference)) {
            assertThat(ours).isNaN();
        } else {
            assertThat(ours).isCloseTo(reference, within(1e-12));
        }
    }

    @Test
    void knownAnswers() {
        // Kendall (1945): x = 1 2 3 4 5, y = 1 3 2 4 5: 9 concordant, 1 discordant, no ties: tau = 0.8.
        assertThat(RankCorrelation.kendallTauB(new double[] {1, 2, 3, 4, 5}, new double[] {1, 3, 2, 4, 5})).isCloseTo(0.8, within(1e-15));
        // With ties: x = 1 1 2 3, y = 1 2 2 3: C = 4, D = 0, 5 pairs untied in x, 5 in y: tau-b = 4 / 5.
        assertThat(RankCorrelation.kendallTauB(new double[] {1, 1, 2, 3}, new double[] {1, 2, 2, 3})).isCloseTo(0.8, within(1e-15));
        assertThat(RankCorrelation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7})).isCloseTo(0.8207826816681233, within(1e-12));
        assertThat(RankCorrelation.ranks(new double[] {7, 7, 9})).containsExactly(1.5, 1.5, 3);
        assertThat(RankCorrelation.kendallTauB(new double[] {2, 2, 2}, new double[] {1, 2, 3})).isNaN();
        assertThat(RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {4, 4, 4})).isNaN();
        assertThatThrownBy(() -> RankCorrelation.kendallTauB(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lengths differ: 1 and 2");
    }
}
