package dev.polity.eval;

import dev.polity.store.RunStore;
import dev.polity.store.StoredAnswer;
import dev.polity.store.StoredVerdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Turns stored answers into stored verdicts on one thread of its own, while the models keep answering.
 * It takes what has queued up in batches of up to {@value #BATCH}, so the embedding detectors embed a
 * batch at once; the verdicts of a batch are stored together, and an answer with verdicts is judged for good.
 */
final class JudgingWorker {
    /** A stored answer to judge: its id in the store, its item and its text. */
    record ToJudge(String answerId, RunPlan.Target target, String text) {
    }

    private static final ToJudge END = new ToJudge(null, null, null);
    static final int BATCH = 64;

    private final RunStore store;
    private final JudgePanel panel;
    private final ApplicableNormJudge judge;
    private final Suite suite;
    private final List<String> models;
    private final RunListener listener;
    private final SessionFault fault;
    private final BlockingQueue<ToJudge> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    /** @param models the run's models as written, by position: judged items name them */
    JudgingWorker(RunStore store, JudgePanel panel, Suite suite, List<String> models, RunListener listener,
                  ApplicableNormJudge judge, SessionFault fault) {
        this.store = store;
        this.panel = panel;
        this.judge = judge;
        this.suite = suite;
        this.models = List.copyOf(models);
        this.listener = listener;
        this.fault = fault;
        this.thread = new Thread(this::work, "polity-judge");
    }

    /** Answers stored by an earlier session that have no verdict yet (it was killed before judging them). */
    static List<ToJudge> unjudged(RunStore store, String runId, RunPlan plan) {
        Set<String> judged = new HashSet<>();
        for (StoredVerdict v : store.verdicts(runId)) {
            if (v.normId().equals(StoredJudgement.ANSWER) && v.detector().equals(StoredJudgement.OVERALL)) {
                judged.add(v.answerId());
            }
        }
        List<ToJudge> out = new ArrayList<>();
        for (StoredAnswer a : store.answers(runId)) {
            RunPlan.Target t = plan.target(a.item());
            if (t != null && !judged.contains(a.id())) {
                out.add(new ToJudge(a.id(), t, a.answer().text()));
            }
        }
        return out;
    }

    void start() {
        thread.start();
    }

    /** Queues a stored answer; it is judged unless the session has failed by the time its turn comes. */
    void judge(ToJudge j) {
        queue.add(j);
    }

    /** Judges what is queued, then stops; returns when the thread has ended. */
    void finish() {
        queue.add(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        List<ToJudge> batch = new ArrayList<>();
        boolean ended = false;
        while (!ended) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, BATCH - 1);
            ended = batch.remove(END);
            if (batch.isEmpty() || fault.raised()) {
                continue;
            }
            try {
                panel.warm(batch.stream().map(ToJudge::text).toList());
                List<StoredVerdict> rows = new ArrayList<>();
                List<EvalItem> done = new ArrayList<>();
                for (ToJudge j : batch) {
                    EvalItem item = j.target().item();
                    JudgedItem ji = judge.judge(item, models.get(j.target().model()), j.text(), suite.requestOf(item));
                    rows.addAll(StoredJudgement.encode(j.answerId(), ji));
                    done.add(item);
                }
                store.storeVerdicts(rows);
                done.forEach(listener::judged);
            } catch (RuntimeException e) {
                fault.raise(e);
            }
        }
    }
}
