package dev.polity;

import dev.polity.judge.check.DataSets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real data sets written by others, found by {@link DataSets#root()} ({@code POLITY_DATA}, else {@code ../shared/data}). When a set is
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
        return DataSets.root().orElse(null);
    }
}
