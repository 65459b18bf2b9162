package dev.polity.cli;

import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Whether a standard stream of this process is a terminal. JLine's check (the library under the progress bar):
 * {@code test -t FD} on POSIX systems, the console API on Windows. {@code System.console()} is not enough: it
 * answers for stdin and stdout together, and says nothing of stderr.
 */
final class TerminalCheck {
    private TerminalCheck() {
    }

    static boolean stderr() {
        return is(SystemStream.Error);
    }

    /** Whether someone can answer questions on standard input. */
    static boolean stdin() {
        return is(SystemStream.Input);
    }

    private static boolean is(SystemStream stream) {
        try {
            return TerminalProvider.load("exec").isSystemStream(stream);
        } catch (Exception | LinkageError e) {
            // no way to tell: behave as on a file, which is safe everywhere
            return false;
        }
    }
}
