package dev.polity.server.app;

import dev.polity.server.Gateway;
import dev.polity.server.TokenBucket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One browser's session, kept in memory: its CSRF token (the synchroniser token of every form), the participant
 * it is in each deliberation it joined, the invitations it redeemed, the statements it skipped, its language,
 * its rate limits, and the operator who signed in with it, if any.
 */
final class Session {
    /** Votes: a burst of 30, then 5 a second. Statements: a burst of 5, then one a minute. Sign-ins: 5, then one every 10 s. */
    private static final double VOTE_BURST = 30;
    private static final double VOTES_PER_SECOND = 5;
    private static final double STATEMENT_BURST = 5;
    private static final double SIGN_IN_BURST = 5;

    final String id;
    final String csrf;
    final Map<String, Long> participants = new ConcurrentHashMap<>();
    final Set<String> invited = ConcurrentHashMap.newKeySet();
    final Map<String, Set<Long>> skipped = new ConcurrentHashMap<>();
    final TokenBucket votes;
    final TokenBucket statements;
    final TokenBucket signIns;
    volatile Gateway.Operator operator;
    volatile String language;
    volatile long seen;

    Session(String id, String csrf, long now) {
        this.id = id;
        this.csrf = csrf;
        this.seen = now;
        this.votes = new TokenBucket(VOTE_BURST, VOTES_PER_SECOND, now);
        this.statements = new TokenBucket(STATEMENT_BURST, 1 / 60.0, now);
        this.signIns = new TokenBucket(SIGN_IN_BURST, 0.1, now);
    }

    /** A new session with this one's participants, invitations and language, and a new id and token (after a sign-in). */
    Session renewed(String newId, String newCsrf, long now) {
        Session s = new Session(newId, newCsrf, now);
        s.participants.putAll(participants);
        s.invited.addAll(invited);
        s.skipped.putAll(skipped);
        s.language = language;
        return s;
    }

    Long participant(String deliberation) {
        return participants.get(deliberation);
    }

    Set<Long> skipped(String deliberation) {
        return skipped.computeIfAbsent(deliberation, k -> ConcurrentHashMap.newKeySet());
    }
}
