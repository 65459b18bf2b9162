package dev.polity.judge.check;

import dev.polity.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the real data sets written by others live: {@code POLITY_DATA}, else a {@code shared/data} folder
 * next to the checkout ({@code POLITY_HOME}, the {@code polity.repo} property, or the working directory)
 * or next to one of its parents. Polity never ships these sets; the checks read them in place.
 */
public final class DataSets {
    /** One line telling a user how to make the sets available. */
    public static final String HOW_TO = "set POLITY_DATA (or pass --data) to a folder holding xstest/ and popquorn/, "
            + "or put them in ../shared/data next to the checkout";

    private DataSets() {
    }

    /** The folder holding the sets, when one is found. */
    public static Optional<Path> root() {
        String env = System.getenv("POLITY_DATA");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        for (String base : new String[] {System.getenv("POLITY_HOME"), System.getProperty("polity.repo"), ""}) {
            if (base == null) {
                continue;
            }
            for (Path p = Path.of(base).toAbsolutePath(); p != null; p = p.getParent()) {
                Path candidate = p.resolveSibling("shared").resolve("data");
                if (Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The folder of one set under {@code root} (or {@code root} itself when it is that set), if it holds {@code marker}. */
    public static Optional<Path> find(Path root, String name, String marker) {
        if (root == null) {
            return Optional.empty();
        }
        for (Path dir : new Path[] {root.resolve(name), root}) {
            if (Files.isRegularFile(dir.resolve(marker))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** As {@link #find(Path, String, String)} under {@code root}, or under {@link #root()} when {@code root} is null; else a one-line error. */
    public static Path require(Path root, String name, String marker) {
        Path base = root != null ? root : root().orElse(null);
        return find(base, name, marker).orElseThrow(() -> new InvalidInputException(null,
                "real data set '" + name + "' not found (" + (base == null ? "no POLITY_DATA and no ../shared/data" : "looked for "
                        + base.resolve(name).resolve(marker)) + "); " + HOW_TO));
    }
}
