package dev.polity.cli;

import dev.polity.deliberation.Deliberation;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr for a deliberation analysis, shown only once the analysis has run for a
 * couple of seconds (small conversations finish silently). Stages count as steps; the open-ended bridging
 * fit shows its sweep.
 */
final class DeliberationProgress implements Deliberation.Progress, AutoCloseable {
    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    @Override
    public void update(String stage, long done, long total) {
        if (bar == null) {
            if (System.nanoTime() - start < SHOW_AFTER_NANOS) {
                return;
            }
            bar = new ProgressBarBuilder().setTaskName("deliberate").setInitialMax(-1)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).continuousUpdate().build();
        }
        bar.maxHint(total);
        bar.stepTo(done);
        bar.setExtraMessage(total < 0 ? stage + " " + done : stage);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
