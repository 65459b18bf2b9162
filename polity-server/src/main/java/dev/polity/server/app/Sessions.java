package dev.polity.server.app;

import dev.polity.store.DeliberationStore;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web pages' sessions: a 256-bit random id (SecureRandom) in a cookie that is HttpOnly, SameSite=Lax and
 * Secure (unless the server was started for plain-HTTP tests on loopback), the state in memory. A session idle
 * for a week is forgotten. A restart forgets every session (participants then join again; docs/APP.md).
 */
final class Sessions {
    static final String COOKIE = "polity_session";
    private static final long IDLE_NANOS = 7L * 24 * 3600 * 1_000_000_000L;
    private static final int MAX_SESSIONS = 1_000_000;

    private final boolean secure;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    Sessions(boolean secure) {
        this.secure = secure;
    }

    /** The request's session, or null when it has none (or an unknown or expired one). */
    Session find(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) {
            return null;
        }
        Session s = sessions.get(id);
        long now = System.nanoTime();
        if (s == null || now - s.seen > IDLE_NANOS) {
            if (s != null) {
                sessions.remove(id);
            }
            return null;
        }
        s.seen = now;
        return s;
    }

    /** The request's session, started (and its cookie set) when it has none. */
    Session of(Context ctx) {
        Session s = find(ctx);
        if (s != null) {
            return s;
        }
        return start(ctx, null);
    }

    /**
     * A new session id and CSRF token for the same state, the old id forgotten: after a sign-in, so that an id
     * planted before it (session fixation) is worth nothing.
     */
    Session renew(Context ctx, Session old) {
        sessions.remove(old.id);
        return start(ctx, old);
    }

    private Session start(Context ctx, Session from) {
        if (sessions.size() >= MAX_SESSIONS) {
            long now = System.nanoTime();
            sessions.values().removeIf(x -> now - x.seen > IDLE_NANOS / 7);
        }
        String id = DeliberationStore.token(32);
        String csrf = DeliberationStore.token(32);
        long now = System.nanoTime();
        Session s = from == null ? new Session(id, csrf, now) : from.renewed(id, csrf, now);
        sessions.put(id, s);
        ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
        return s;
    }

    /** Forgets the session (sign out) and tells the browser to drop its cookie. */
    void end(Context ctx, Session s) {
        sessions.remove(s.id);
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    /** Whether a form's token is the session's (compared in constant time). */
    static boolean tokenMatches(Session s, String presented) {
        return s != null && presented != null
                && MessageDigest.isEqual(s.csrf.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    int size() {
        return sessions.size();
    }
}
