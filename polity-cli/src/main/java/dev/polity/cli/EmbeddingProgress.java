package dev.polity.cli;

import java.util.function.IntConsumer;

/** The progress of embedding many texts on stderr; silent for a handful, which take no time. */
final class EmbeddingProgress implements AutoCloseable {
    private static final int SHOW_FROM = 100;
    private final Progress progress;

    EmbeddingProgress(ProgressMode mode, String task, int total) {
        this.progress = Progress.start(total < SHOW_FROM ? ProgressMode.OFF : mode, task, "texts", total);
    }

    IntConsumer step() {
        return progress::stepBy;
    }

    @Override
    public void close() {
        progress.close();
    }
}
