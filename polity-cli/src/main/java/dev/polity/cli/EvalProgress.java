package dev.polity.cli;

import dev.polity.eval.EvalItem;
import dev.polity.eval.RunFailure;
import dev.polity.eval.RunListener;
import java.util.concurrent.atomic.AtomicInteger;

/** The progress of a run on stderr: judged or failed of planned items, and how many came from the cache. */
final class EvalProgress implements RunListener, AutoCloseable {
    private final ProgressMode mode;
    private final String task;
    private final AtomicInteger cached = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile Progress progress;

    EvalProgress(ProgressMode mode, String task) {
        this.mode = mode;
        this.task = task;
    }

    /** Shown once the work is known, so that an error found before (a bad model spec) is not preceded by progress. */
    @Override
    public synchronized void planned(int n) {
        if (progress == null) {
            progress = Progress.start(mode, task, "items", n);
        } else {
            progress.grow(n);
        }
    }

    @Override
    public void answered(EvalItem item, boolean fromCache) {
        if (fromCache) {
            cached.incrementAndGet();
            note();
        }
    }

    @Override
    public void judged(EvalItem item) {
        Progress p = progress;
        if (p != null) {
            p.step();
        }
    }

    @Override
    public void failed(RunFailure failure) {
        failed.incrementAndGet();
        note();
        Progress p = progress;
        if (p != null) {
            p.step();
        }
    }

    private void note() {
        Progress p = progress;
        if (p != null) {
            p.note("cached " + cached.get() + (failed.get() > 0 ? ", failed " + failed.get() : ""));
        }
    }

    @Override
    public void close() {
        Progress p = progress;
        if (p != null) {
            p.close();
        }
    }
}
