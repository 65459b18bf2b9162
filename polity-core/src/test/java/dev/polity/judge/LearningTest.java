package dev.polity.judge;

import dev.polity.judge.learn.Folds;
import dev.polity.judge.learn.LexicalFeatures;
import dev.polity.judge.learn.RidgeRegression;
import dev.polity.judge.learn.SoftmaxRegression;
import dev.polity.judge.train.RefusalTrainer;
import dev.polity.stats.RankCorrelation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LearningTest {

    @Test
    void spearmanByHand() {
        // ranks a = 1,2,3,4,5; ranks b = 2,1,4,3,5: d^2 = 1+1+1+1+0 = 4; rho = 1 - 6*4/(5*24) = 0.8
        assertEquals(0.8, RankCorrelation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {20, 10, 40, 30, 50}), 1e-12);
        assertArrayEquals(new double[] {1.5, 1.5, 3}, RankCorrelation.ranks(new double[] {7, 7, 9}));
    }

    @Property(tries = 50)
    void spearmanIsInvariantUnderMonotoneMaps(@ForAll @Size(min = 3, max = 30) java.util.List<@DoubleRange(min = -5, max = 5) Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Math.exp(a[i]) + 3;
        }
        double rho = RankCorrelation.spearman(a, b);
        assertTrue(Double.isNaN(rho) || Math.abs(rho - 1) < 1e-9, "rho " + rho);
    }

    @Test
    void ridgeMatchesTheClosedForm() {
        // One standardised feature z = (-1, 1), y = (0, 2): w = sum(z*(y-ybar)) / (sum z^2 + lambda) = 2 / (2 + 2) = 0.5, bias = 1.
        RidgeRegression.Fit f = RidgeRegression.fit(new double[][] {{-1}, {1}}, new double[] {0, 2}, 2);
        assertEquals(0.5, f.weights()[0], 1e-12);
        assertEquals(1, f.bias(), 1e-12);
        assertArrayEquals(new double[] {1, 2}, RidgeRegression.solveCholesky(new double[][] {{4, 2}, {2, 3}}, new double[] {8, 8}), 1e-12);
    }

    @Test
    void softmaxRegressionSeparatesSeparableClasses() {
        double[][] z = {{-2, 0}, {-1.5, 0.2}, {2, 0}, {1.8, -0.1}, {0, 2}, {0.1, 1.7}};
        int[] y = {0, 0, 1, 1, 2, 2};
        SoftmaxRegression.Fit f = SoftmaxRegression.fit(z, y, 3, 0.001, 300, new double[] {1, 1, 1});
        for (int i = 0; i < z.length; i++) {
            assertEquals(y[i], SoftmaxRegression.argmax(f.probabilities(z[i])));
        }
        double[] p = f.probabilities(new double[] {0, 0});
        assertEquals(1, p[0] + p[1] + p[2], 1e-12);
    }

    @Test
    void foldsAreBalancedAndDeterministic() {
        int[] a = Folds.assign(11, 5, 3);
        assertArrayEquals(a, Folds.assign(11, 5, 3));
        int[] sizes = new int[5];
        for (int f : a) {
            sizes[f]++;
        }
        assertTrue(java.util.Arrays.stream(sizes).max().getAsInt() - java.util.Arrays.stream(sizes).min().getAsInt() <= 1);
    }

    @Test
    void lexicalCuesSeeRefusalsAndInsults() {
        double[] refusal = LexicalFeatures.refusal("I'm sorry, but I can't help with that.");
        double[] comply = LexicalFeatures.refusal("Sure! Here are three steps:\n1. Preheat.\n2. Mix.\n3. Bake.");
        assertEquals(1, refusal[0]);
        assertEquals(0, comply[0]);
        assertEquals(LexicalFeatures.REFUSAL_NAMES.size(), refusal.length);
        assertTrue(LexicalFeatures.derogation("You are a pathetic idiot")[0] > LexicalFeatures.derogation("You are a kind person")[0]);
    }
}
