package dev.polity.cli;

import dev.polity.judge.check.CheckProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A progress bar on stderr for a real-data check, drawn from the first report on (the total comes with it). */
final class CheckProgressBar implements CheckProgress, AutoCloseable {
    private final String task;
    private ProgressBar bar;

    CheckProgressBar(String task) {
        this.task = task;
    }

    @Override
    public synchronized void update(String stage, long done, long total) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" texts", 1).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }
        bar.maxHint(total);
        bar.stepTo(done);
        bar.setExtraMessage(stage);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
