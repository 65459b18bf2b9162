package dev.polity.cli;

import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A progress bar on stderr for embedding many texts; silent for a handful, which take no time. */
final class EmbeddingProgress implements AutoCloseable {
    private static final int SHOW_FROM = 100;
    private final ProgressBar bar;

    EmbeddingProgress(String task, int total) {
        this.bar = total < SHOW_FROM ? null : new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" texts", 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    IntConsumer step() {
        return n -> {
            if (bar != null) {
                bar.stepBy(n);
            }
        };
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
