package dev.polity.input;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How every file Polity writes (reports, JSON, CSV, YAML, models, HTML) reaches the disk: into a temporary
 * file in the target's folder, flushed to the device, then renamed over the target. A reader sees the old
 * file or the new one, never half of one, and a failure (a full disk, an exception while rendering, a
 * kill) leaves an existing file as it was. It lives in {@code input}, the floor every room may use, because
 * writers sit in every room (the CLI, {@code report}, {@code judge}), and {@code report} is not below
 * {@code judge}.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What goes into the file; it may close the stream or leave it open. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code target} with {@code text} in UTF-8. */
    public static void write(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /**
     * Replaces {@code target} with what {@code content} writes. The folder must exist; a target that is an
     * existing file keeps its permissions.
     *
     * @throws IOException one line naming the target and why it could not be written ({@code PATH: cannot write: why})
     */
    public static void write(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        Path folder = file.getParent();
        if (Files.isDirectory(file)) {
            throw failure(target, "cannot write: it is a folder, expected a file", null);
        }
        Path temporary = folder.resolve("." + file.getFileName() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".tmp");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                BufferedOutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the channel stays open until it has been forced to the device
                    }
                };
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            keepPermissions(file, temporary);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (FileSystemException e) {
            throw failure(target, "cannot write: " + reason(e), e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the failure that got us here is the one to report
                }
            }
        }
    }

    /**
     * Makes sure {@code dir} is a folder files can be written into, creating it and its parents when missing.
     *
     * @throws IOException one line naming the folder when a file stands where it or a parent should be
     *     ({@code out.txt: cannot write into it: it is a file, expected a folder})
     */
    public static Path folder(Path dir) throws IOException {
        Path whole = dir.toAbsolutePath().normalize();
        for (Path p = whole; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw failure(dir, "cannot write into it: " + (p.equals(whole) ? "it is" : p + " is") + " a file, expected a folder", null);
            }
        }
        try {
            return Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw failure(dir, "cannot create the folder: " + reason(e), e);
        }
    }

    /** {@code PATH: what}, the shape the CLI prints for a file-system error. */
    private static FileSystemException failure(Path path, String what, Exception cause) {
        FileSystemException e = new FileSystemException(path.toString(), null, what);
        e.initCause(cause);
        return e;
    }

    private static void keepPermissions(Path file, Path temporary) throws IOException {
        PosixFileAttributeView old = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (old != null && Files.isRegularFile(file)) {
            Files.getFileAttributeView(temporary, PosixFileAttributeView.class).setPermissions(old.readAttributes().permissions());
        }
    }

    private static String reason(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "its folder does not exist"; // writing: the target itself need not exist
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "it is a folder";
        }
        return TextFile.reason(e);
    }
}
