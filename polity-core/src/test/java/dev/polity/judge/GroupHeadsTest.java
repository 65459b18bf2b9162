package dev.polity.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.judge.learn.GroupHeads;
import dev.polity.judge.learn.RidgeRegression;
import dev.polity.judge.learn.Standardizer;
import dev.polity.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shared model plus shrunk group heads (Evgeniou and Pontil, 2004) on hand-computed and planted cases. */
class GroupHeadsTest {

    @Test
    void twoGroupsOneFeatureByHand() {
        // ½(w+v0−1)² + ½(w+v1)² + ½w² + ½v0² + ½v1²: v0 = (1−w)/2, v1 = −w/2, 2w − ½ = 0, so w = ¼, heads ⅝ and ⅛.
        GroupHeads.Examples ex = new GroupHeads.Examples(new double[][] {{1}}, new int[] {0, 0}, new int[] {0, 1},
                new double[] {1, 0}, new double[] {1, 1}, 2);
        GroupHeads.Fit f = GroupHeads.fit(ex, GroupHeads.Loss.SQUARED, false, 1, new double[] {1, 1});
        assertEquals(0.25, f.shared()[0], 1e-9);
        assertEquals(0.625, f.heads()[0][0], 1e-9);
        assertEquals(0.125, f.heads()[1][0], 1e-9);
        assertEquals(0, f.bias()[0], 0);
    }

    @Test
    void oneGroupHeldAtTheSharedModelIsRidgeRegression() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] x = new double[40][5];
        double[] y = new double[40];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = 2 * x[i][0] - x[i][3] + 0.3 * r.nextGaussian() + 1;
        }
        double[][] z = Standardizer.fit(x).apply(x);
        int[] unit = new int[40];
        for (int i = 0; i < 40; i++) {
            unit[i] = i;
        }
        double[] ones = new double[40];
        java.util.Arrays.fill(ones, 1);
        GroupHeads.Fit f = GroupHeads.fit(new GroupHeads.Examples(z, unit, new int[40], y, ones, 1), GroupHeads.Loss.SQUARED, true, 3,
                new double[] {1e12});
        RidgeRegression.Fit ridge = RidgeRegression.fit(z, y, 3);
        assertArrayEquals(ridge.weights(), f.heads()[0], 1e-7);
        assertEquals(ridge.bias(), f.bias()[0], 1e-7);
        assertEquals(ridge.bias(), f.sharedBias(), 1e-7);
    }

    /** Units with {@code d} features; group 0 rates by {@code view0}, group 1 by {@code view1}; every unit rated by both. */
    private static GroupHeads.Examples planted(int units, double[] view0, double[] view1, double noise, long seed, GroupHeads.Loss loss) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = view0.length;
        double[][] z = new double[units][d];
        List<int[]> who = new ArrayList<>();
        List<double[]> yc = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            for (int j = 0; j < d; j++) {
                z[u][j] = r.nextGaussian();
            }
            for (int g = 0; g < 2; g++) {
                double s = dot(g == 0 ? view0 : view1, z[u]) + noise * r.nextGaussian();
                double target = loss == GroupHeads.Loss.SQUARED ? s : (r.nextDouble() < 1 / (1 + Math.exp(-4 * s)) ? 1 : 0);
                who.add(new int[] {u, g});
                yc.add(new double[] {target, 1});
            }
        }
        return new GroupHeads.Examples(z, who.stream().mapToInt(a -> a[0]).toArray(), who.stream().mapToInt(a -> a[1]).toArray(),
                yc.stream().mapToDouble(a -> a[0]).toArray(), yc.stream().mapToDouble(a -> a[1]).toArray(), 2);
    }

    @Test
    void headsRecoverTwoGroupsThatDisagreeOnOneFeature() {
        double[] view0 = {1, 0.8, -0.5, 0.3, 0, 0, 1.2, 0};
        double[] view1 = view0.clone();
        view1[6] = -1.2;
        GroupHeads.Examples train = planted(300, view0, view1, 0.3, 5, GroupHeads.Loss.SQUARED);
        double[] grid = {1, 10, 100, 1000};
        GroupHeads.Selection s = GroupHeads.choose(train, GroupHeads.Loss.SQUARED, true, 30, grid, 0, 5, 1);
        GroupHeads.Fit f = GroupHeads.fit(train, GroupHeads.Loss.SQUARED, true, 30, s.penalties());
        GroupHeads.Examples test = planted(200, view0, view1, 0, 6, GroupHeads.Loss.SQUARED);
        for (int g = 0; g < 2; g++) {
            double[] truth = new double[200];
            double[] head = new double[200];
            for (int u = 0; u < 200; u++) {
                truth[u] = dot(g == 0 ? view0 : view1, test.z()[u]);
                head[u] = f.head(g, test.z()[u]);
            }
            assertTrue(RankCorrelation.spearman(head, truth) >= 0.95, "group " + g + ": " + RankCorrelation.spearman(head, truth));
        }
        assertTrue(f.heads()[0][6] > 0.8 && f.heads()[1][6] < -0.8, "the heads take opposite sides on the planted feature");
        assertTrue(Math.abs(f.shared()[6]) < 0.4, "the shared model sits between them: " + f.shared()[6]);
    }

    @Test
    void aGroupThatAgreesWithTheOthersIsShrunkHarderThanOneThatDoesNot() {
        // Three groups: 0 and 1 share a view, 2 differs on one feature; cross-validation should keep 0 closer to the shared model.
        SplittableRandom r = new SplittableRandom(9);
        int d = 20;
        double[] common = new double[d];
        for (int j = 0; j < d; j++) {
            common[j] = r.nextGaussian() * 0.5;
        }
        int units = 80;
        double[][] z = new double[units][d];
        List<double[]> rows = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            for (int j = 0; j < d; j++) {
                z[u][j] = r.nextGaussian();
            }
            for (int g = 0; g < 3; g++) {
                double y = dot(common, z[u]) + (g == 2 ? 2 * z[u][3] : 0) + r.nextGaussian();
                rows.add(new double[] {u, g, y});
            }
        }
        double[] ones = new double[rows.size()];
        java.util.Arrays.fill(ones, 1);
        GroupHeads.Examples ex = new GroupHeads.Examples(z, rows.stream().mapToInt(a -> (int) a[0]).toArray(),
                rows.stream().mapToInt(a -> (int) a[1]).toArray(), rows.stream().mapToDouble(a -> a[2]).toArray(), ones, 3);
        GroupHeads.Selection s = GroupHeads.choose(ex, GroupHeads.Loss.SQUARED, true, 10, new double[] {0.1, 1, 10, 100, 1000, 10000}, 0, 5, 2);
        assertTrue(s.penalties()[0] > s.penalties()[2], java.util.Arrays.toString(s.penalties()));
        assertTrue(s.penalties()[1] > s.penalties()[2], java.util.Arrays.toString(s.penalties()));
        GroupHeads.Selection one = GroupHeads.choose(ex, GroupHeads.Loss.SQUARED, true, 10, new double[] {0.1, 1, 10, 100, 1000, 10000}, Integer.MAX_VALUE, 5, 2);
        assertEquals(one.penalties()[0], one.penalties()[2], "one penalty for all groups");
    }

    @Test
    void logisticHeadsRecoverOppositePairwiseTastes() {
        // Bradley-Terry heads on feature differences: group 0 prefers answers high on feature 0, group 1 low; both like feature 1.
        double[] view0 = {1.5, 1, 0, 0};
        double[] view1 = {-1.5, 1, 0, 0};
        GroupHeads.Examples train = planted(600, view0, view1, 0, 11, GroupHeads.Loss.LOGISTIC);
        GroupHeads.Selection s = GroupHeads.choose(train, GroupHeads.Loss.LOGISTIC, false, 1, new double[] {0.1, 1, 10, 100}, 0, 5, 1);
        GroupHeads.Fit f = GroupHeads.fit(train, GroupHeads.Loss.LOGISTIC, false, 1, s.penalties());
        GroupHeads.Examples test = planted(400, view0, view1, 0, 12, GroupHeads.Loss.LOGISTIC);
        for (int g = 0; g < 2; g++) {
            int right = 0;
            for (int u = 0; u < 400; u++) {
                double truth = dot(g == 0 ? view0 : view1, test.z()[u]);
                right += Math.signum(f.head(g, test.z()[u])) == Math.signum(truth) ? 1 : 0;
            }
            assertTrue(right / 400.0 >= 0.9, "group " + g + " accuracy " + right / 400.0);
        }
        assertEquals(0, f.bias()[0], 0, "pairwise heads have no intercept");
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
