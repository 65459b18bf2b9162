package dev.polity.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One task's progress on stderr, shown as {@link ProgressMode} says: on a terminal a bar redrawn in place
 * (progressbar, ASCII, no colour); elsewhere plain lines, at the start, at each tenth of the total, when the
 * stage changes, at most every {@value #LINE_EVERY_SECONDS} seconds otherwise, and at the end; nothing when off.
 * Every command's progress goes through here (docs/CLI.md). Thread-safe: a run reports from its workers.
 */
final class Progress implements AutoCloseable {
    static final long LINE_EVERY_SECONDS = 10;
    private static final long LINE_EVERY_NANOS = LINE_EVERY_SECONDS * 1_000_000_000L;

    private final ProgressMode mode;
    private final String task;
    private final String unit;
    private final PrintStream lines;
    private final LongSupplier nanoTime;
    private final ProgressBar bar;
    private long done;
    private long total;
    private String stage = "";
    private String note = "";
    private boolean closed;

    // what the last plain line showed
    private boolean shown;
    private long shownDone;
    private long shownTenth;
    private String shownStage = "";
    private long shownAt;

    private Progress(ProgressMode mode, String task, String unit, long total, PrintStream lines, LongSupplier nanoTime) {
        this.mode = mode;
        this.task = task;
        this.unit = unit;
        this.total = total;
        this.lines = lines;
        this.nanoTime = nanoTime;
        this.bar = mode != ProgressMode.BAR ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setUnit(unit.isEmpty() ? "" : " " + unit, 1).showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        if (mode == ProgressMode.LINES && total >= 0) {
            line();
        }
    }

    /** Starts showing a task on stderr; {@code total} is -1 when not known yet. */
    static Progress start(ProgressMode mode, String task, String unit, long total) {
        return new Progress(mode, task, unit, total, System.err, System::nanoTime);
    }

    /** Plain lines into {@code lines}, timed by {@code nanoTime}: for tests. */
    static Progress lines(String task, String unit, long total, PrintStream lines, LongSupplier nanoTime) {
        return new Progress(ProgressMode.LINES, task, unit, total, lines, nanoTime);
    }

    /** Where the task is: its stage, how much is done of how much ({@code total} -1 when open-ended). */
    synchronized void update(String stage, long done, long total) {
        this.stage = stage == null ? "" : stage;
        this.total = total;
        this.done = done;
        changed();
    }

    synchronized void stepTo(long done) {
        this.done = done;
        changed();
    }

    synchronized void stepBy(long n) {
        this.done += n;
        changed();
    }

    synchronized void step() {
        stepBy(1);
    }

    /** More work was planned: the total grows by {@code more}. */
    synchronized void grow(long more) {
        this.total = total < 0 ? more : total + more;
        changed();
    }

    /** Counts shown after the figures ("cached 3"); a new note alone does not make a new line. */
    synchronized void note(String note) {
        this.note = note == null ? "" : note;
        if (bar != null) {
            bar.setExtraMessage(extra());
        }
    }

    private void changed() {
        if (closed) {
            return;
        }
        if (bar != null) {
            bar.maxHint(total);
            bar.stepTo(done);
            bar.setExtraMessage(extra());
        } else if (mode == ProgressMode.LINES && due()) {
            line();
        }
    }

    private String extra() {
        String s = stage.isEmpty() ? note : note.isEmpty() ? stage : stage + "; " + note;
        return s.isEmpty() ? "" : " (" + s + ")";
    }

    private boolean due() {
        if (!shown || !stage.equals(shownStage)) {
            return true;
        }
        if (total > 0 && tenth() > shownTenth) {
            return true;
        }
        return done != shownDone && nanoTime.getAsLong() - shownAt >= LINE_EVERY_NANOS;
    }

    private long tenth() {
        return total > 0 ? Math.min(10, done * 10 / total) : -1;
    }

    private void line() {
        StringBuilder sb = new StringBuilder(task).append(": ");
        if (!stage.isEmpty()) {
            sb.append(stage).append(": ");
        }
        if (total >= 0) {
            sb.append(String.format(Locale.ROOT, "%d/%d%s (%d%%)", done, total, unit.isEmpty() ? "" : " " + unit,
                    total == 0 ? 100 : Math.min(100, done * 100 / total)));
        } else {
            sb.append(done).append(unit.isEmpty() ? "" : " " + unit);
        }
        if (!note.isEmpty()) {
            sb.append("; ").append(note);
        }
        lines.println(sb);
        lines.flush();
        shown = true;
        shownDone = done;
        shownTenth = tenth();
        shownStage = stage;
        shownAt = nanoTime.getAsLong();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (bar != null) {
            bar.close();
        } else if (mode == ProgressMode.LINES && shown && (done != shownDone || !stage.equals(shownStage))) {
            line();
        }
        closed = true;
    }
}
