package dev.polity.bench;

import dev.polity.choice.Choices;
import dev.polity.choice.Comparisons;
import dev.polity.choice.Fit;
import dev.polity.choice.LuceModel;
import dev.polity.choice.MajorityMatrix;
import dev.polity.choice.Rule;
import dev.polity.choice.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Social choice kernels at the sizes of issue 3: Schulze over 1,000 candidates, exact Kemeny over 15,
 * maximal lotteries over 200, Bradley-Terry (I-LSR, and counting the sufficient statistics) on 1,000,000
 * comparisons over 1,000 items. Profiles are random (seeded): 101 voters with random strict rankings, as
 * majority matrices.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ChoiceBenchmarks {
    MajorityMatrix schulze1000;
    MajorityMatrix kemeny15;
    MajorityMatrix lottery200;
    Comparisons comparisons;
    Choices btChoices;

    @Setup(Level.Trial)
    public void setUp() {
        schulze1000 = randomMatrix(1000, 101, 1);
        kemeny15 = randomMatrix(15, 101, 2);
        lottery200 = randomMatrix(200, 101, 3);
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 1000;
        int m = 1_000_000;
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = rnd.nextDouble() * 4 - 2;
        }
        int[] w = new int[m];
        int[] l = new int[m];
        for (int r = 0; r < m; r++) {
            int a = rnd.nextInt(n);
            int b = (a + 1 + rnd.nextInt(n - 1)) % n;
            boolean aWins = rnd.nextDouble() < 1 / (1 + Math.exp(theta[b] - theta[a]));
            w[r] = aWins ? a : b;
            l[r] = aWins ? b : a;
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        comparisons = Comparisons.of(items, w, l);
        btChoices = Choices.of(comparisons.counts());
    }

    /** Margins of {@code voters} random strict rankings (pairwise counts built directly, O(voters n^2)). */
    static MajorityMatrix randomMatrix(int n, int voters, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] c = new double[n][n];
        int[] pos = new int[n];
        int[] perm = new int[n];
        for (int v = 0; v < voters; v++) {
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int i = 0; i < n; i++) {
                pos[perm[i]] = i;
            }
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (pos[a] < pos[b]) {
                        c[a][b]++;
                    }
                }
            }
        }
        return new MajorityMatrix(c);
    }

    @Benchmark
    public RuleResult schulze1000() {
        return Rule.SCHULZE.apply(schulze1000, 101);
    }

    @Benchmark
    public RuleResult kemeny15() {
        return Rule.KEMENY.apply(kemeny15, 101);
    }

    @Benchmark
    public RuleResult maximalLotteries200() {
        return Rule.MAXIMAL_LOTTERIES.apply(lottery200, 101);
    }

    @Benchmark
    public Fit bradleyTerryIlsr1M() {
        return LuceModel.fit(btChoices, LuceModel.Method.ILSR, 0);
    }

    @Benchmark
    public Fit bradleyTerryCountAndIlsr1M() {
        return LuceModel.fit(Choices.of(comparisons.counts()), LuceModel.Method.ILSR, 0);
    }
}
