package dev.polity.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A whole file read as UTF-8 text, the way every reader of Polity reads text (YAML, PrefLib, JSON Lines):
 * a byte-order mark at the start is dropped, and bytes that are not UTF-8 are an error naming the file
 * and the line, never a silent replacement character.
 */
public final class TextFile {
    private TextFile() {
    }

    /** The text of {@code file}, errors reported under {@code file.toString()}. */
    public static String read(Path file) {
        return read(file, file.toString());
    }

    /** The text of {@code file}, errors reported under {@code name}. */
    public static String read(Path file, String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
        return decode(bytes, name);
    }

    /** The one-line error for a file that cannot be opened or read. */
    static InvalidInputException unreadable(String name, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "cannot read: permission denied"
                : "cannot read: " + e.getMessage();
        return new InvalidInputException(name, 0, why);
    }

    /**
     * Why a file-system operation failed, in a few words: the system's reason, else what the failure's type
     * says (no such file, permission denied, ...).
     */
    public static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        return e.getClass().getSimpleName();
    }

    /** UTF-8 bytes as text, without a leading byte-order mark. */
    public static String decode(byte[] bytes, String name) {
        int start = hasByteOrderMark(bytes, bytes.length) ? 3 : 0;
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CoderResult r = decoder().decode(in, out, true);
        if (r.isError()) {
            int bad = in.position();
            throw notUtf8(name, 1 + lineBreaks(bytes, start, bad), bytes[bad]);
        }
        return out.flip().toString();
    }

    static boolean hasByteOrderMark(byte[] b, int length) {
        return length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    /** Where the first byte that does not belong to well-formed UTF-8 is in {@code b[from, to)}; -1 when there is none. */
    static int malformedAt(byte[] b, int from, int to) {
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        CoderResult r = decoder().decode(in, CharBuffer.allocate(to - from), true);
        return r.isError() ? in.position() : -1;
    }

    /** Line breaks (LF, CRLF or a lone CR, each once) in {@code b[from, to)}. */
    static int lineBreaks(byte[] b, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= b.length || b[i + 1] != '\n'))) {
                n++;
            }
        }
        return n;
    }

    static InvalidInputException notUtf8(String file, int line, byte b) {
        return new InvalidInputException(file, line, String.format(Locale.ROOT,
                "expected UTF-8 text, found the byte 0x%02X (save the file as UTF-8)", b & 0xFF));
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
