package dev.polity.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the Polity checkout is: {@code POLITY_HOME} (set by bin/polity), else the working directory. */
final class Home {
    private Home() {
    }

    static Path path(String relative) {
        String home = System.getenv("POLITY_HOME");
        if (home != null && Files.exists(Path.of(home, relative))) {
            return Path.of(home, relative);
        }
        return Path.of(relative);
    }

    /** A path as a user would type it from the checkout, when it lies inside it. */
    static String relative(Path p) {
        String home = System.getenv("POLITY_HOME");
        Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : p.toString();
    }
}
