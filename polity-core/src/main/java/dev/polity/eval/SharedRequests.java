package dev.polity.eval;

import dev.polity.model.Answer;
import dev.polity.model.AnswerSource;
import dev.polity.store.PlannedRequest;
import dev.polity.store.RunStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identical requests (same model, same canonical request: one request hash) are asked once: across runs
 * from the store's answer cache, within a session by waiting for the one already in flight. Every answer
 * is stored under its item before anything judges it, and before an identical request shares it.
 */
final class SharedRequests {
    /** An answer stored under its item; {@code cached} when no model was asked for it here. */
    record Stored(String answerId, Answer answer, boolean cached) {
    }

    private final RunStore store;
    private final String runId;
    private final ConcurrentHashMap<String, CompletableFuture<Answer>> inFlight = new ConcurrentHashMap<>();

    SharedRequests(RunStore store, String runId) {
        this.store = store;
        this.runId = runId;
    }

    /**
     * The answer to {@code p}, from the cache, from an identical request in flight, or from {@code source};
     * stored under {@code p}'s item. The source's and the store's failures are thrown, also to whoever
     * waited for this request.
     */
    Stored answer(PlannedRequest p, AnswerSource source) {
        String hash = p.requestHash();
        CompletableFuture<Answer> mine = null;
        try {
            Answer a;
            boolean cached;
            Optional<Answer> hit = store.cached(hash);
            if (hit.isPresent()) {
                a = hit.get();
                cached = true;
            } else {
                mine = new CompletableFuture<>();
                CompletableFuture<Answer> other = inFlight.putIfAbsent(hash, mine);
                if (other != null) {
                    mine = null;
                    try {
                        a = other.join();
                    } catch (CompletionException e) {
                        throw e.getCause() instanceof RuntimeException re ? re : e;
                    }
                    cached = true;
                } else if ((hit = store.cached(hash)).isPresent()) {
                    // an identical request was stored between the first look and taking it in flight
                    inFlight.remove(hash, mine);
                    mine = null;
                    a = hit.get();
                    cached = true;
                } else {
                    try {
                        a = source.answer(p.request());
                    } catch (RuntimeException e) {
                        inFlight.remove(hash);
                        mine.completeExceptionally(e);
                        mine = null;
                        throw e;
                    }
                    cached = false;
                }
            }
            String id = store.storeAnswer(runId, new RunStore.NewAnswer(p.item(), hash, p.request(), a));
            if (mine != null) {
                mine.complete(a);
                inFlight.remove(hash);
            }
            return new Stored(id, a, cached);
        } finally {
            if (mine != null && !mine.isDone()) {
                // whoever waits for this request must not wait for ever when storing it failed
                inFlight.remove(hash);
                mine.completeExceptionally(new IllegalStateException("the answer to an identical request could not be stored"));
            }
        }
    }
}
