package dev.polity.server.app;

import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.Deliberation;
import dev.polity.store.DeliberationStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analysis of each deliberation by the deliberation engine ({@link Deliberation#analyse}, the code behind
 * {@code polity deliberate}, with its defaults), recomputed only when the deliberation's votes or statements
 * changed since, and by one thread at a time per deliberation (the others wait for its result). Participants'
 * pages accept an analysis a few seconds old ({@link #recent}): when it is older, they get it at once and a
 * background thread analyses the deliberation again, so that a busy deliberation is analysed a few times a
 * minute rather than after every vote, and no participant waits for it. Organisers see the latest ({@link #of}).
 */
public final class Results {
    private final DeliberationStore store;
    private final Deliberation.Options options;
    private final Map<String, Analysis> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refreshing = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "polity-results");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param conversation as read from the store
     * @param deliberation the engine's result, or null when nobody has voted yet
     * @param version      the store's version of the deliberation this was computed from
     * @param millis       how long the analysis took
     */
    public record Analysis(Conversation conversation, Deliberation deliberation, String version, double millis, long at) {
        /** The conversation's index of a participant number, or -1. */
        public int index(Long participant) {
            return participant == null ? -1 : conversation.participants().indexOf(Long.toString(participant));
        }

        /** The conversation's index of a statement number, or -1. */
        public int statementIndex(long statement) {
            return conversation.statementIndex(Long.toString(statement));
        }
    }

    public Results(DeliberationStore store, Deliberation.Options options) {
        this.store = store;
        this.options = options;
    }

    /** The analysis of the deliberation as it is now. */
    public Analysis of(String deliberation) {
        return recent(deliberation, 0);
    }

    /**
     * The last analysis when it is at most {@code maxAgeMillis} old; when it is older, still the last one, while a
     * background thread analyses the deliberation again; the first time, the analysis of the deliberation as it is.
     */
    public Analysis recent(String deliberation, long maxAgeMillis) {
        Analysis a = cache.get(deliberation);
        if (a != null && System.nanoTime() - a.at() < maxAgeMillis * 1_000_000L) {
            return a;
        }
        if (a != null && maxAgeMillis > 0) {
            if (refreshing.putIfAbsent(deliberation, Boolean.TRUE) == null) {
                background.execute(() -> {
                    try {
                        current(deliberation);
                    } catch (RuntimeException e) {
                        // the store went away: the next page view tries again
                        System.err.println("polity: results of " + deliberation + " not refreshed: " + e.getMessage());
                    } finally {
                        refreshing.remove(deliberation);
                    }
                });
            }
            return a;
        }
        return current(deliberation);
    }

    private Analysis current(String deliberation) {
        Analysis a = cache.get(deliberation);
        String version = store.version(deliberation);
        if (a != null && a.version().equals(version)) {
            Analysis checked = new Analysis(a.conversation(), a.deliberation(), a.version(), a.millis(), System.nanoTime());
            cache.replace(deliberation, a, checked); // still current: good for another while
            return checked;
        }
        synchronized (locks.computeIfAbsent(deliberation, k -> new Object())) {
            a = cache.get(deliberation);
            version = store.version(deliberation);
            if (a != null && a.version().equals(version)) {
                return a;
            }
            long t0 = System.nanoTime();
            Conversation c = store.conversation(deliberation);
            Deliberation d = c.votes().size() == 0 ? null : Deliberation.analyse(c, options);
            long t1 = System.nanoTime();
            a = new Analysis(c, d, version, (t1 - t0) / 1e6, t1);
            cache.put(deliberation, a);
            return a;
        }
    }
}
