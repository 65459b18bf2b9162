package dev.polity.cli;

import dev.polity.deliberation.Deliberation;

/**
 * The progress of a deliberation analysis on stderr, shown only once the analysis has run for a couple of
 * seconds (small conversations finish silently). Stages count as steps; the open-ended bridging fit counts
 * its sweeps.
 */
final class DeliberationProgress implements Deliberation.Progress, AutoCloseable {
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private final ProgressMode mode;
    private final long start = System.nanoTime();
    private Progress progress;

    DeliberationProgress(ProgressMode mode) {
        this.mode = mode;
    }

    @Override
    public void update(String stage, long done, long total) {
        if (progress == null) {
            if (System.nanoTime() - start < SHOW_AFTER_NANOS) {
                return;
            }
            progress = Progress.start(mode, "deliberate", "", -1);
        }
        progress.update(stage, done, total);
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.close();
        }
    }
}
