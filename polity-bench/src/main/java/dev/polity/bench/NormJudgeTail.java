package dev.polity.bench;

import dev.polity.judge.embed.MiniLmEmbedder;
import dev.polity.judge.train.NormItem;
import dev.polity.stats.Quantile;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where {@link NormJudgeBench}'s slowest percent comes from: the same workload, each development-set answer timed on
 * its own over several passes, so that an answer's own cost (its median) can be told from the host's interference (the
 * spread around it). Prints the p50 / p90 / p99 of all samples and of the answers' medians, the share of samples over
 * the 20 ms target by language, how many samples a garbage collection fell into, and the slowest answers, each with
 * the least a judge reading it with MiniLM must wait for: its whole read once, alone, on one core; then the slowest
 * answer judged 500 times (the same work each time, so its spread is the run's, not the answers'); and that answer's
 * whole read alone 600 times on one thread, then on two at once (what two passes at once cost each other here).
 *
 * <p>{@code java -Dpolity.repo=$PWD -cp polity-bench/target/benchmarks.jar dev.polity.bench.NormJudgeTail [passes]}
 */
public final class NormJudgeTail {
    private static final double TARGET_MS = 20;

    private NormJudgeTail() {
    }

    public static void main(String[] args) {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        NormJudgeBench bench = new NormJudgeBench();
        bench.setup();
        List<NormItem> pool = bench.pool;
        int n = pool.size();
        // two passes of warm-up, as JMH's warm-up iterations
        for (int i = 0; i < 2 * n; i++) {
            bench.judgeOneAnswerAgainstAContext();
        }
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        double[][] perAnswer = new double[n][passes];
        double[] all = new double[n * passes];
        int collected = 0;
        int collectedSlow = 0;
        Map<String, int[]> slowByLanguage = new TreeMap<>();
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < n; i++) {
                int item = (int) (bench.calls % n);
                long before = collections(gcs);
                long t0 = System.nanoTime();
                bench.judgeOneAnswerAgainstAContext();
                double ms = (System.nanoTime() - t0) / 1e6;
                boolean gc = collections(gcs) != before;
                perAnswer[item][p] = ms;
                all[p * n + i] = ms;
                int[] counts = slowByLanguage.computeIfAbsent(pool.get(item).language(), k -> new int[2]);
                counts[1]++;
                if (ms > TARGET_MS) {
                    counts[0]++;
                }
                collected += gc ? 1 : 0;
                collectedSlow += gc && ms > TARGET_MS ? 1 : 0;
            }
        }
        double[] medians = new double[n];
        for (int i = 0; i < n; i++) {
            medians[i] = Quantile.of(perAnswer[i], 0.5);
        }
        System.out.println("all samples: " + quantiles(all) + " (" + all.length + ")");
        System.out.println("answers' medians: " + quantiles(medians) + " (" + n + " answers, " + passes + " passes)");
        StringBuilder slow = new StringBuilder();
        int over = 0;
        for (Map.Entry<String, int[]> e : slowByLanguage.entrySet()) {
            over += e.getValue()[0];
            slow.append(String.format(Locale.ROOT, " %s %d/%d", e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        System.out.printf(Locale.ROOT, "over %.0f ms: %.2f%% of samples; by language (over/all):%s%n", TARGET_MS, 100.0 * over / all.length, slow);
        System.out.printf(Locale.ROOT, "a garbage collection fell into %d samples, %d of them over %.0f ms%n", collected, collectedSlow, TARGET_MS);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(medians[b], medians[a]));
        // the least any judge reading the answer with MiniLM must wait for: its whole read once, alone, on one core
        // (no parts, no prompt, no norms), the median of five passes
        MiniLmEmbedder alone = new MiniLmEmbedder(1);
        System.out.println("slowest answers (median ms; the whole answer read alone on one core, median ms; language, characters, words):");
        for (int k = 0; k < Math.min(12, n); k++) {
            NormItem item = pool.get(order[k]);
            double[] passes1 = new double[5];
            for (int r = 0; r < passes1.length; r++) {
                String text = item.answer() + " (" + r + ")";
                long t0 = System.nanoTime();
                alone.embed(List.of(text), c -> { });
                passes1[r] = (System.nanoTime() - t0) / 1e6;
            }
            System.out.printf(Locale.ROOT, "  %.1f  %.1f  %s  %d  %d  %s%n", medians[order[k]], Quantile.of(passes1, 0.5), item.language(),
                    item.answer().length(), item.answer().split("\\s+").length, item.id());
        }
        // the slowest answer judged again and again: the work is the same each time, so the spread is not the answers'
        // but the run's (the passes sharing two cores with the calling thread, the collector, the compiler, the host)
        NormItem slowest = pool.get(order[0]);
        double[] same = new double[500];
        for (int r = 0; r < same.length; r++) {
            long t0 = System.nanoTime();
            bench.judge(slowest);
            same[r] = (System.nanoTime() - t0) / 1e6;
        }
        System.out.println("the slowest answer judged " + same.length + " times: " + quantiles(same));
        // the same pass, nothing else: the slowest answer's whole read alone on one thread, then on two threads at once
        // (both cores busy, as the norm judge keeps them), so what the machine adds when both cores are taken shows
        for (int threads = 1; threads <= 2; threads++) {
            double[][] times = concurrentReads(slowest.answer(), threads, 600);
            for (int t = 0; t < threads; t++) {
                System.out.println("its whole read alone, " + threads + " thread" + (threads > 1 ? "s at once, thread " + (t + 1) : "") + ": "
                        + quantiles(times[t]));
            }
        }
        System.exit(0);
    }

    /** {@code threads} threads each reading {@code text} (made new each time) {@code n} times on an embedder of its own. */
    private static double[][] concurrentReads(String text, int threads, int n) {
        double[][] times = new double[threads][n];
        Thread[] running = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int at = t;
            running[t] = new Thread(() -> {
                MiniLmEmbedder own = new MiniLmEmbedder(1);
                for (int r = -50; r < n; r++) {
                    long t0 = System.nanoTime();
                    own.embed(List.of(text + " (" + at + "." + r + ")"), c -> { });
                    if (r >= 0) {
                        times[at][r] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            });
            running[t].start();
        }
        for (Thread t : running) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return times;
    }

    private static long collections(List<GarbageCollectorMXBean> gcs) {
        long c = 0;
        for (GarbageCollectorMXBean g : gcs) {
            c += g.getCollectionCount();
        }
        return c;
    }

    private static String quantiles(double[] values) {
        return String.format(Locale.ROOT, "p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms", Quantile.of(values, 0.5), Quantile.of(values, 0.9),
                Quantile.of(values, 0.99), Quantile.of(values, 1));
    }
}
