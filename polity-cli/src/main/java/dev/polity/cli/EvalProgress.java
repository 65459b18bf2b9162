package dev.polity.cli;

import dev.polity.eval.EvalItem;
import dev.polity.eval.RunFailure;
import dev.polity.eval.RunListener;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr over the items of a run: judged or failed of planned, rate, ETA, and what came from the cache. */
final class EvalProgress implements RunListener, AutoCloseable {
    private final String task;
    private final AtomicInteger cached = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile ProgressBar bar;

    EvalProgress(String task) {
        this.task = task;
    }

    /** Made when the work is known, so that an error found before (a bad model spec) is not preceded by a bar. */
    @Override
    public synchronized void planned(int n) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(n).setUnit(" items", 1).showSpeed()
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        } else {
            bar.maxHint(bar.getMax() + n);
        }
    }

    @Override
    public void answered(EvalItem item, boolean fromCache) {
        if (fromCache) {
            cached.incrementAndGet();
            message();
        }
    }

    @Override
    public void judged(EvalItem item) {
        ProgressBar b = bar;
        if (b != null) {
            b.step();
        }
    }

    @Override
    public void failed(RunFailure failure) {
        failed.incrementAndGet();
        ProgressBar b = bar;
        if (b != null) {
            b.step();
        }
        message();
    }

    private void message() {
        ProgressBar b = bar;
        if (b != null) {
            b.setExtraMessage(" cached " + cached.get() + (failed.get() > 0 ? ", failed " + failed.get() : ""));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
