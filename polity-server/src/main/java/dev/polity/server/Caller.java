package dev.polity.server;

import dev.polity.store.ApiKey;
import dev.polity.store.GatewayStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who sent a request: the stored key its {@code Authorization: Bearer} header hashes to. Keys are looked up by
 * their SHA-256 and remembered for a short while, so that the database is not asked on every request and a
 * key keeps working through a short outage; a key made while the server runs works at its first use.
 */
record Caller(ApiKey key) {
    static final List<String> ROLES = GatewayStore.ROLES;

    String tenant() {
        return key.tenant();
    }

    /** admin may do what an operator may, an operator what a client may. */
    boolean hasRole(String needed) {
        return ROLES.indexOf(key.role()) <= ROLES.indexOf(needed);
    }

    /** The key cache in front of the store. */
    static final class Keys {
        private static final long REMEMBER_NANOS = 30_000_000_000L;
        private static final long FORGET_UNKNOWN_NANOS = 2_000_000_000L;
        private final GatewayStore store;
        private final Map<String, Entry> cache = new ConcurrentHashMap<>();

        private record Entry(ApiKey key, long at) {
        }

        Keys(GatewayStore store) {
            this.store = store;
        }

        Caller authenticate(String authorization) {
            if (authorization == null || authorization.isBlank()) {
                throw ApiError.unauthorized("missing API key: send Authorization: Bearer KEY (polity keys create makes one)");
            }
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
                throw ApiError.unauthorized("malformed Authorization header: expected Bearer KEY");
            }
            String presented = authorization.substring(7).trim();
            String hash = GatewayStore.sha256(presented);
            long now = System.nanoTime();
            Entry e = cache.get(hash);
            if (e == null || now - e.at() > (e.key() == null ? FORGET_UNKNOWN_NANOS : REMEMBER_NANOS)) {
                ApiKey found;
                try {
                    found = store.findKey(presented).orElse(null);
                } catch (RuntimeException storeDown) {
                    if (e != null && e.key() != null) {
                        return check(e.key()); // the database is away: a key seen recently still works
                    }
                    throw new ApiError(503, "server_error", "store_unavailable", null, "the key store cannot be reached; try again shortly");
                }
                e = new Entry(found, now);
                if (cache.size() > 100_000) {
                    cache.clear();
                }
                cache.put(hash, e);
            }
            if (e.key() == null) {
                throw ApiError.unauthorized("invalid API key");
            }
            return check(e.key());
        }

        private static Caller check(ApiKey key) {
            if (key.revoked()) {
                throw ApiError.unauthorized("this API key was revoked");
            }
            return new Caller(key);
        }
    }
}
