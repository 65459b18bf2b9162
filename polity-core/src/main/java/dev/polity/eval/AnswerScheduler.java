package dev.polity.eval;

import dev.polity.input.InvalidInputException;
import dev.polity.model.AnswerSource;
import dev.polity.model.AnswerUnavailableException;
import dev.polity.store.PlannedRequest;
import dev.polity.store.RunStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Asks the models a session's requests on {@code concurrency} threads (the limit across all models of the
 * run; each model's call policy retries within it). Each answer is stored, handed to the judge, and its
 * follow-ups are planned and asked in turn. A model failure costs only its item, which stays unanswered
 * for {@code resume}; a model that fails too often in a row is left alone ({@link FailureStreaks}).
 */
final class AnswerScheduler {
    private final RunStore store;
    private final String runId;
    private final RunPlan plan;
    private final List<String> models;
    private final List<AnswerSource> sources;
    private final SharedRequests shared;
    private final FailureStreaks streaks;
    private final Consumer<JudgingWorker.ToJudge> judging;
    private final RunListener listener;
    private final SessionFault fault;
    private final ExecutorService pool;
    private final ConcurrentLinkedQueue<Future<?>> asked = new ConcurrentLinkedQueue<>();
    private final AtomicInteger fromModel = new AtomicInteger();
    private final AtomicInteger fromCache = new AtomicInteger();
    private final ConcurrentLinkedQueue<RunFailure> failures = new ConcurrentLinkedQueue<>();

    /**
     * @param models  the run's models as written, by position (failures name them)
     * @param sources the sources that answer them, by the same positions
     * @param judging takes each stored answer to be judged
     */
    AnswerScheduler(RunStore store, String runId, RunPlan plan, List<String> models, List<AnswerSource> sources, RunSettings settings,
                    Consumer<JudgingWorker.ToJudge> judging, RunListener listener, SessionFault fault) {
        this.store = store;
        this.runId = runId;
        this.plan = plan;
        this.models = List.copyOf(models);
        this.sources = List.copyOf(sources);
        this.shared = new SharedRequests(store, runId);
        this.streaks = new FailureStreaks(models, settings.maxConsecutiveFailures());
        this.judging = judging;
        this.listener = listener;
        this.fault = fault;
        this.pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread th = new Thread(r, "polity-ask");
            th.setDaemon(true);
            return th;
        });
    }

    /** Asks {@code p} (an item of the plan) on one of the threads. */
    void submit(PlannedRequest p) {
        RunPlan.Target t = plan.target(p.item());
        asked.add(pool.submit(() -> ask(t, p)));
    }

    /** Waits until every request submitted, follow-ups included, was asked or given up. */
    void awaitAll() {
        Future<?> f;
        while ((f = asked.poll()) != null) {
            try {
                f.get();
            } catch (ExecutionException e) {
                fault.raise(new IllegalStateException(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fault.raise(new IllegalStateException("interrupted"));
                break;
            }
        }
    }

    /** Stops the threads; a request still waiting is not asked. */
    void stop() {
        pool.shutdownNow();
    }

    /** Answers this session asked a model for. */
    int fromModel() {
        return fromModel.get();
    }

    /** Answers this session took from the store's cache or an identical request. */
    int fromCache() {
        return fromCache.get();
    }

    /** Why models were no longer asked in this session (a dead endpoint, too many failures in a row). */
    List<String> stopped() {
        return streaks.stopped();
    }

    /** Items this session could not answer, by model and item. */
    List<RunFailure> failures() {
        List<RunFailure> out = new ArrayList<>(failures);
        out.sort(Comparator.comparing(RunFailure::model).thenComparing(RunFailure::item));
        return out;
    }

    private void ask(RunPlan.Target t, PlannedRequest p) {
        if (fault.raised()) {
            return;
        }
        String model = models.get(t.model());
        String downBecause = streaks.down(t.model());
        if (downBecause != null) {
            fail(new RunFailure(t.item().key(), model, "not asked: " + downBecause, true));
            return;
        }
        try {
            SharedRequests.Stored s = shared.answer(p, sources.get(t.model()));
            streaks.answered(t.model());
            (s.cached() ? fromCache : fromModel).incrementAndGet();
            listener.answered(t.item(), s.cached());
            judging.accept(new JudgingWorker.ToJudge(s.answerId(), t, s.answer().text()));
            List<PlannedRequest> next = plan.grow(t, s.answer().text());
            if (!next.isEmpty()) {
                store.plan(runId, next);
                listener.planned(next.size());
                next.forEach(this::submit);
            }
        } catch (AnswerUnavailableException e) {
            streaks.failed(t.model(), e);
            fail(new RunFailure(t.item().key(), model, e.getMessage(), e.isTransient()));
        } catch (InvalidInputException e) {
            fail(new RunFailure(t.item().key(), model, e.oneLine(), false));
        } catch (RuntimeException e) {
            fault.raise(e);
        }
    }

    private void fail(RunFailure f) {
        failures.add(f);
        listener.failed(f);
    }
}
