package dev.polity.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.RealData;
import dev.polity.input.InvalidInputException;
import dev.polity.stats.Bootstrap;
import dev.polity.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LuceModelTest {

    /** n items with strengths N(0,1); m comparisons between uniform random pairs, outcome by the BT probability. */
    static Comparisons generate(int n, int m, long seed, double[] truth) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            truth[i] = gaussian(rnd);
        }
        int[] w = new int[m];
        int[] l = new int[m];
        for (int r = 0; r < m; r++) {
            int a = rnd.nextInt(n);
            int b = rnd.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            double pa = 1 / (1 + Math.exp(truth[b] - truth[a]));
            boolean aWins = rnd.nextDouble() < pa;
            w[r] = aWins ? a : b;
            l[r] = aWins ? b : a;
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        return Comparisons.of(items, w, l);
    }

    static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @Test
    void twoItemsHaveTheClosedForm() {
        // a beats b 3 times, b beats a once: theta_a - theta_b = log 3
        Comparisons c = Comparisons.of(List.of("a", "b"), new int[] {0, 0, 0, 1}, new int[] {1, 1, 1, 0});
        for (LuceModel.Method m : LuceModel.Method.values()) {
            Fit f = LuceModel.fit(Choices.of(c.counts()), m, 0);
            assertArrayEquals(new double[] {Math.log(3) / 2, -Math.log(3) / 2}, f.theta(), 1e-9, m.id());
            assertEquals(3 * Math.log(0.75) + Math.log(0.25), f.logLikelihood(), 1e-9);
        }
    }

    @Test
    void recoversKnownStrengthsFromAMillionComparisons() {
        double[] truth = new double[1000];
        Comparisons c = generate(1000, 1_000_000, 42, truth);
        Fit f = LuceModel.fit(Choices.of(c.counts()), LuceModel.Method.ILSR, 0);
        assertTrue(f.converged());
        double r = RankCorrelation.pearson(truth, f.theta());
        assertTrue(r > 0.99, "correlation " + r);
    }

    @Test
    void mmAndIlsrAgree() {
        double[] truth = new double[30];
        Choices d = Choices.of(generate(30, 20_000, 7, truth).counts());
        LuceModel.Options tight = new LuceModel.Options(1e-13, 200_000);
        Fit mm = LuceModel.fit(d, LuceModel.Method.MM, 0, tight, null);
        Fit ilsr = LuceModel.fit(d, LuceModel.Method.ILSR, 0, tight, null);
        assertTrue(mm.converged() && ilsr.converged());
        assertArrayEquals(mm.theta(), ilsr.theta(), 1e-6);
        assertTrue(ilsr.iterations() < mm.iterations(), "I-LSR needs fewer iterations");
        assertEquals(mm.logLikelihood(), ilsr.logLikelihood(), 1e-6);
    }

    @Property(tries = 30)
    void mmLogLikelihoodNeverDecreases(@ForAll @IntRange(min = 3, max = 25) int n, @ForAll long seed,
                                       @ForAll @IntRange(min = 0, max = 2) int penalty) {
        double[] truth = new double[n];
        Choices d = Choices.of(generate(n, 40 * n, seed, truth).counts());
        double alpha = penalty == 0 ? 0 : penalty == 1 ? 0.1 : 2.0;
        if (alpha == 0 && !d.disconnected().isEmpty()) {
            return;
        }
        Fit f = LuceModel.fit(d, LuceModel.Method.MM, alpha, new LuceModel.Options(1e-9, 2_000), null);
        for (int k = 1; k < f.trace().length; k++) {
            assertTrue(f.trace()[k] >= f.trace()[k - 1] - 1e-9 * Math.abs(f.trace()[k - 1]),
                    "iteration " + k + ": " + f.trace()[k - 1] + " -> " + f.trace()[k]);
        }
    }

    @Test
    void penaltyShrinksAndIsCentred() {
        Comparisons c = Comparisons.of(List.of("a", "b", "c"), new int[] {0, 0, 1}, new int[] {1, 2, 2});
        // c never wins: the unpenalised estimate does not exist and the message says what to do
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LuceModel.fit(Choices.of(c.counts()), LuceModel.Method.ILSR, 0));
        assertTrue(e.getMessage().contains("--alpha"), e.getMessage());
        Fit f = LuceModel.fit(Choices.of(c.counts()), LuceModel.Method.MM, 1.0);
        assertTrue(f.converged());
        assertEquals(0, f.theta()[0] + f.theta()[1] + f.theta()[2], 1e-8);
        assertTrue(f.theta()[0] > f.theta()[1] && f.theta()[1] > f.theta()[2]);
    }

    @Test
    void plackettLuceMmAndIlsrAgreeOnRealRankings() {
        Profile p = PrefLibReader.read(RealData.require("preflib").resolve("00035-breakfast/00035-00000004.soc"));
        Choices d = Choices.of(p);
        assertEquals(42 * 14, d.size());
        LuceModel.Options tight = new LuceModel.Options(1e-12, 200_000);
        Fit mm = LuceModel.fit(d, LuceModel.Method.MM, 0, tight, null);
        Fit ilsr = LuceModel.fit(d, LuceModel.Method.ILSR, 0, tight, null);
        assertArrayEquals(mm.theta(), ilsr.theta(), 1e-6);
        // the strongest item under Plackett-Luce is 9, the Condorcet winner of this profile
        int best = 0;
        for (int i = 1; i < ilsr.theta().length; i++) {
            best = ilsr.theta()[i] > ilsr.theta()[best] ? i : best;
        }
        assertEquals(9, p.items().get(best));
    }

    @Test
    void bootstrapOfSparseComparisonsStaysFinite() {
        // a beats b, b beats c, c beats d, each pair with one upset: a resample often drops an item's only loss
        // (a Poisson weight of 0), which must count as no comparison, not as a loss, for the fit to exist.
        List<Integer> w = new ArrayList<>();
        List<Integer> l = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                for (int k = 0; k < 3 + b - a; k++) {
                    w.add(a);
                    l.add(b);
                }
                w.add(b);
                l.add(a);
            }
        }
        Choices d = Choices.of(Comparisons.of(List.of("a", "b", "c", "d"), w.stream().mapToInt(Integer::intValue).toArray(),
                l.stream().mapToInt(Integer::intValue).toArray()).counts());
        Fit f = LuceModel.fit(d, LuceModel.Method.MM, 0);
        Bootstrap.Intervals ci = LuceModel.bootstrap(d, LuceModel.Method.MM, 0, f, new Bootstrap(200, 3), null);
        for (int i = 0; i < 4; i++) {
            assertTrue(Double.isFinite(ci.lower()[i]) && Double.isFinite(ci.upper()[i]), "item " + i + ": " + ci.lower()[i] + " .. " + ci.upper()[i]);
            assertTrue(ci.lower()[i] < f.theta()[i] && f.theta()[i] < ci.upper()[i]);
        }
    }

    @Test
    void bootstrapIntervalsCoverTheEstimate() {
        double[] truth = new double[10];
        Choices d = Choices.of(generate(10, 5_000, 3, truth).counts());
        Fit f = LuceModel.fit(d, LuceModel.Method.ILSR, 0);
        Bootstrap.Intervals ci = LuceModel.bootstrap(d, LuceModel.Method.ILSR, 0, f, new Bootstrap(200, 11), null);
        int covered = 0;
        for (int i = 0; i < 10; i++) {
            assertTrue(ci.lower()[i] < f.theta()[i] && f.theta()[i] < ci.upper()[i]);
            covered += ci.lower()[i] <= truth[i] - mean(truth) && truth[i] - mean(truth) <= ci.upper()[i] ? 1 : 0;
        }
        assertTrue(covered >= 7, "95% intervals covered the truth for " + covered + " of 10 items");
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
