package dev.polity.cli;

import java.util.function.Function;

/**
 * How a command shows its progress on stderr (docs/CLI.md): a bar redrawn in place when stderr is a terminal,
 * plain lines (no carriage return, no escape code) when it is a file, a pipe or a CI log, nothing with
 * {@code --quiet}. Neither uses colour, so {@code NO_COLOR} holds in every mode.
 */
enum ProgressMode {
    BAR, LINES, OFF;

    /** OFF when quiet; BAR when stderr is a terminal and {@code TERM} is not {@code dumb}; LINES otherwise. */
    static ProgressMode detect(boolean quiet, Function<String, String> env) {
        if (quiet) {
            return OFF;
        }
        if ("dumb".equals(env.apply("TERM"))) {
            return LINES;
        }
        return TerminalCheck.stderr() ? BAR : LINES;
    }
}
