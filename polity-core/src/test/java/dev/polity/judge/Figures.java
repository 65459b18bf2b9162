package dev.polity.judge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes the real-data figures of a test run to target/judging-figures/, to be copied into docs/PERFORMANCE.md. */
final class Figures {
    private Figures() {
    }

    static void write(String name, String markdown) {
        try {
            Path dir = Path.of("target", "judging-figures");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".md"), markdown, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
