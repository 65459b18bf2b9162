package dev.polity.bench;

import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.learn.GroupHeads;
import dev.polity.reward.Preferences;
import dev.polity.reward.RewardFeatures;
import dev.polity.reward.RewardTrainer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Head training speed after embedding (docs/PERFORMANCE.md; run by bench/reward.sh): the HH-RLHF pairs' features
 * computed once (embeddings from the cache), then {@code RewardTrainer.fit} as {@code polity reward train} runs it
 * (5-fold cross-validation of 5 penalties, then the final fit), and one Bradley-Terry fit alone at the chosen penalty.
 * Each timed five times after two warm-ups; the median is reported.
 *
 * <p>Arguments: {@code PAIRS}.
 */
public final class RewardTrainingSpeed {
    private RewardTrainingSpeed() {
    }

    public static void main(String[] args) {
        Preferences data = Preferences.read(Path.of(args[0]));
        RewardTrainer.Settings s = RewardTrainer.Settings.DEFAULT.with(null, 0.2, 13);
        RewardTrainer.Split split = RewardTrainer.split(data.pairs().size(), s.holdout(), s.seed());
        double[][][] x = RewardTrainer.features(data.pairs(), new RewardFeatures(CachedEmbedder.miniLm()), n -> { });
        double[][] c = new double[split.train().length][];
        double[][] r = new double[split.train().length][];
        for (int k = 0; k < c.length; k++) {
            c[k] = x[0][split.train()[k]];
            r[k] = x[1][split.train()[k]];
        }
        int n = c.length;
        double[] whole = new double[7];
        double lambda = 0;
        for (int t = 0; t < whole.length; t++) {
            long t0 = System.nanoTime();
            lambda = RewardTrainer.fit(c, r, new int[n], List.of(), s).lambda();
            whole[t] = (System.nanoTime() - t0) / 1e9;
        }
        // one fit alone: the standardised differences, the head at the chosen penalty
        GroupHeads.Examples ex = RewardTrainer.differences(c, r, RewardTrainer.standardizer(c, r), s.embeddingWeight());
        double[] one = new double[7];
        for (int t = 0; t < one.length; t++) {
            long t0 = System.nanoTime();
            RewardTrainer.head(ex, lambda);
            one[t] = (System.nanoTime() - t0) / 1e9;
        }
        double mWhole = median(whole);
        double mOne = median(one);
        System.out.printf(Locale.ROOT, "%d training pairs, %d features: reward train's fit (5x5 cross-validation + final) %.2f s (%.0f pairs/s);"
                + " one Bradley-Terry fit %.3f s (%.0f pairs/s); load %.2f%n", n, ex.z()[0].length, mWhole, n / mWhole, mOne, n / mOne,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(0);
    }

    static double median(double[] t) {
        double[] s = java.util.Arrays.copyOfRange(t, 2, t.length);
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
