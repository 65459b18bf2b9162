package dev.polity;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real data sets written by others ({@code ../shared/data}, or {@code POLITY_DATA}). When a set is
 * missing, tests fail under CI ({@code CI=true}) and are skipped with a message elsewhere.
 */
public final class RealData {
    private RealData() {
    }

    /** The folder of one data set, e.g. {@code require("preflib")}. */
    public static Path require(String name) {
        Path root = root();
        Path dir = root == null ? null : root.resolve(name);
        if (dir == null || !Files.isDirectory(dir)) {
            String msg = "real data set '" + name + "' not found (looked in " + (root == null ? "POLITY_DATA and ../shared/data" : root)
                    + "); set POLITY_DATA to the folder holding it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
        }
        return dir;
    }

    static Path root() {
        String env = System.getenv("POLITY_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String repo = System.getProperty("polity.repo");
        Path base = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath();
        for (Path p = base; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
