package dev.polity.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10, defect 2: a file is replaced whole or not at all. */
class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReplacesLeavingNoTemporaryFile() throws IOException {
        Path file = dir.resolve("out.yaml");
        AtomicFile.write(file, "first\n");
        AtomicFile.write(file, "zweite Fassung\n");
        assertThat(Files.readString(file)).isEqualTo("zweite Fassung\n");
        assertOnlyFileIs(file);
    }

    @Test
    void aFailureWhileWritingLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("report.html");
        Files.writeString(file, "valid");
        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            out.write("half of a new ".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            throw new IllegalStateException("renderer broke");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(file)).isEqualTo("valid");
        assertOnlyFileIs(file);
    }

    @Test
    void contentThatClosesTheStreamStillLands() throws IOException {
        Path file = dir.resolve("model.json");
        AtomicFile.write(file, out -> {
            try (out) {
                out.write("{}".getBytes());
            }
        });
        assertThat(Files.readString(file)).isEqualTo("{}");
    }

    @Test
    void anExistingFileKeepsItsPermissions() throws IOException {
        Path file = dir.resolve("shared.csv");
        Files.writeString(file, "a");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(file, "b");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void aMissingFolderOrAFolderAsTargetIsOneLine() {
        assertThatThrownBy(() -> AtomicFile.write(dir.resolve("nowhere/x.json"), "x"))
                .hasMessage(dir.resolve("nowhere/x.json") + ": cannot write: its folder does not exist");
        assertThatThrownBy(() -> AtomicFile.write(dir, "x")).hasMessage(dir + ": cannot write: it is a folder, expected a file");
    }

    /** Issue 10, defect 11: aggregate --out EXISTING_FILE said only "error: PATH". */
    @Test
    void aFileWhereAFolderShouldBeIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("taken.txt"), "x");
        assertThatThrownBy(() -> AtomicFile.folder(file)).hasMessage(file + ": cannot write into it: it is a file, expected a folder");
        assertThatThrownBy(() -> AtomicFile.folder(file.resolve("out")))
                .hasMessage(file.resolve("out") + ": cannot write into it: " + file + " is a file, expected a folder");
        assertThat(AtomicFile.folder(dir.resolve("a/b"))).isDirectory();
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    /** Nothing else in the folder: no temporary file left behind. */
    private void assertOnlyFileIs(Path file) throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
