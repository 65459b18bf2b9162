package dev.polity.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.RealData;
import dev.polity.choice.Ballot;
import dev.polity.choice.Choices;
import dev.polity.choice.Comparisons;
import dev.polity.choice.Fit;
import dev.polity.choice.LuceModel;
import dev.polity.choice.PairwiseReader;
import dev.polity.choice.PrefLibReader;
import dev.polity.choice.Profile;
import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's Bradley-Terry strengths against core's, on generated comparisons and on PrefLib elections. */
class PairwiseJobTest {
    @TempDir
    Path dir;

    /** Core's fit of a file, as 'polity aggregate FILE --model bradley-terry --method ilsr --alpha 0' computes it. */
    private static Fit core(Comparisons c) {
        return LuceModel.fit(Choices.of(c.counts()), LuceModel.Method.ILSR, 0);
    }

    private static void assertSame(Comparisons c, PairwiseJob.Result spark) {
        Fit core = core(c);
        assertEquals(c.items(), spark.items(), "items and their order");
        for (int i = 0; i < core.theta().length; i++) {
            assertEquals(core.theta()[i], spark.fit().theta()[i], 1e-6, "theta of " + c.items().get(i));
        }
        assertEquals(argmax(core.theta()), argmax(spark.fit().theta()), "the strongest item");
        assertTrue(spark.fit().converged());
    }

    @Test
    void generatedComparisonsGiveCoreStrengthsOnTheDriverAndDistributed() throws IOException {
        Path file = generated(dir.resolve("pairs.csv"), 300, 30_000, 7);
        Comparisons c = PairwiseReader.read(file);
        PairwiseJob.Result driver = PairwiseJob.run(SharedSpark.session(), file.toString(), PairwiseJob.Where.DRIVER, new Stages());
        assertFalse(driver.distributed());
        assertEquals(30_000, driver.comparisons());
        assertSame(c, driver);
        // the fit on the driver is core's own, on the same sums in the same order: the same numbers to the last bit
        assertEquals(core(c).theta()[0], driver.fit().theta()[0], 0.0);
        PairwiseJob.Result distributed = PairwiseJob.run(SharedSpark.session(), file.toString(), PairwiseJob.Where.DISTRIBUTED, new Stages());
        assertTrue(distributed.distributed());
        assertSame(c, distributed);
    }

    @Test
    void textIdsWeightsAndTiesAreReadAsCoreReadsThem() throws IOException {
        Path file = dir.resolve("styles.csv");
        StringBuilder sb = new StringBuilder("winner,loser,weight,tie,rater\n");
        String[] names = {"terse", "socratic", "hedged", "direct", "refer-out"};
        SplittableRandom r = new SplittableRandom(3);
        for (int k = 0; k < 400; k++) {
            int a = r.nextInt(names.length);
            int b = (a + 1 + r.nextInt(names.length - 1)) % names.length;
            String w = r.nextInt(4) == 0 ? "" : String.format(Locale.ROOT, "%.2f", 0.5 + r.nextDouble());
            sb.append(names[a]).append(',').append(names[b]).append(',').append(w).append(',').append(r.nextInt(10) == 0 ? "yes" : "no")
                    .append(",r").append(k % 17).append('\n');
        }
        Files.writeString(file, sb);
        Comparisons c = PairwiseReader.read(file);
        assertSame(c, PairwiseJob.run(SharedSpark.session(), file.toString(), PairwiseJob.Where.DRIVER, new Stages()));
        assertSame(c, PairwiseJob.run(SharedSpark.session(), parquet(file).toString(), PairwiseJob.Where.DISTRIBUTED, new Stages()));
    }

    /** PrefLib elections as pairwise comparisons: every voter's every ranked pair, one row per ballot copy. */
    @Test
    void preflibElectionsGiveCoreStrengthsAndWinners() throws IOException {
        Path preflib = RealData.require("preflib");
        for (String name : List.of("00012-shirt/00012-00000001.soc", "00009-agh/00009-00000001.soc", "00035-breakfast/00035-00000002.soc")) {
            Profile p = PrefLibReader.read(preflib.resolve(name));
            Path file = dir.resolve(name.replace('/', '-') + ".csv");
            StringBuilder sb = new StringBuilder("winner,loser,weight\n");
            for (Ballot b : p.ballots()) {
                List<Integer> order = new ArrayList<>();
                for (int[] tier : b.tiers()) {
                    for (int a : tier) {
                        order.add(a);
                    }
                }
                for (int x = 0; x < order.size(); x++) {
                    for (int y = x + 1; y < order.size(); y++) {
                        sb.append('c').append(order.get(x) + 1).append(",c").append(order.get(y) + 1).append(',').append(b.count()).append('\n');
                    }
                }
            }
            Files.writeString(file, sb);
            Comparisons c = PairwiseReader.read(file);
            try {
                core(c);
            } catch (InvalidInputException refused) {
                // an election whose comparison graph is not strongly connected: refused the same way
                InvalidInputException spark = assertThrows(InvalidInputException.class,
                        () -> PairwiseJob.run(SharedSpark.session(), file.toString(), PairwiseJob.Where.DRIVER, new Stages()));
                assertEquals(refused.getMessage(), spark.getMessage(), name);
                continue;
            }
            assertSame(c, PairwiseJob.run(SharedSpark.session(), file.toString(), PairwiseJob.Where.AUTO, new Stages()));
        }
    }

    /** Comparisons under a Bradley-Terry model with normal log-strengths, numeric ids; the generator of bench/. */
    static Path generated(Path file, int items, int rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        double[] theta = new double[items];
        for (int i = 0; i < items; i++) {
            theta[i] = r.nextGaussian();
        }
        StringBuilder sb = new StringBuilder("winner,loser\n");
        for (int k = 0; k < rows; k++) {
            int a = r.nextInt(items);
            int b = (a + 1 + r.nextInt(items - 1)) % items;
            boolean aWins = r.nextDouble() < 1 / (1 + Math.exp(theta[b] - theta[a]));
            sb.append(aWins ? a + 1000 : b + 1000).append(',').append(aWins ? b + 1000 : a + 1000).append('\n');
        }
        Files.writeString(file, sb);
        return file;
    }

    /** The same table as Parquet, written by Spark. */
    private Path parquet(Path csv) {
        Path out = dir.resolve(csv.getFileName() + ".parquet");
        SharedSpark.session().read().option("header", "true").csv(csv.toString()).coalesce(1).write().parquet(out.toString());
        return out;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }
}
