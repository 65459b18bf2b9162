package dev.polity.spark;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Wall-clock seconds of each stage of a job, in the order first run (for --timings and docs/PERFORMANCE.md). */
final class Stages {
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    <T> T time(String stage, Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            seconds.merge(stage, (System.nanoTime() - t0) / 1e9, Double::sum);
        }
    }

    void run(String stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    /** One line per stage: {@code stage NAME: S s}. */
    String lines() {
        StringBuilder sb = new StringBuilder();
        seconds.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "stage %s: %.2f s%n", k, v)));
        return sb.toString();
    }
}
