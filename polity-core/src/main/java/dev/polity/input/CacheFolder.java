package dev.polity.input;

import java.nio.file.Path;

/**
 * Where Polity keeps what it can rebuild (embeddings, the native libraries it extracts): {@code
 * POLITY_CACHE}, else {@code ~/.cache/polity}. One place, so that nothing lands in {@code /tmp} and a
 * user clears Polity's cache by removing one folder.
 */
public final class CacheFolder {
    private CacheFolder() {
    }

    /** The root of the cache; not created here. */
    public static Path root() {
        String env = System.getenv("POLITY_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "polity");
    }

    /** A named folder under the root, e.g. {@code embeddings}; not created here. */
    public static Path of(String name) {
        return root().resolve(name);
    }
}
