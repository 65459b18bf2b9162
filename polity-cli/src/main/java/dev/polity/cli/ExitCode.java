package dev.polity.cli;

/**
 * The exit codes of every command, one table for all (docs/CLI.md), so that a script or CI job can tell a
 * failed check ("your model failed the gate") from input that cannot be used ("your file is broken").
 */
public enum ExitCode {
    /** The command did its work; a check it made passed. */
    DONE(0, "done: the command did its work (and every check it made passed)"),
    /** A file or value cannot be used, a file cannot be read or written, or an unexpected error. */
    INPUT(1, "bad input or I/O error: a file or a value cannot be used (one line naming the file and line, or the option), "
            + "a file cannot be read or written, or an unexpected error (one line naming it; --stacktrace shows the trace)"),
    /** The command line does not parse: the shape of the call is wrong, whatever the files hold. */
    USAGE(2, "usage: an unknown command or option, a missing required option or parameter, a value of the wrong type, "
            + "a command that needs a subcommand given none, or a check with nothing to check (eval gate without thresholds)"),
    /** The command ran and what it checked did not pass. */
    CHECK_FAILED(3, "a check failed: a run's gate (eval run, resume, gate), errors in a constitution (norms lint, quickstart), "
            + "warnings under norms lint --strict, lint errors in a promoted layer (deliberate promote), a broken audit chain (audit verify), "
            + "a model fit that stopped before converging (aggregate, spark bt)"),
    /** A run stopped with work left that a later command can finish. */
    INCOMPLETE(4, "incomplete but resumable: an evaluation run ended with unanswered items; nothing is lost, "
            + "polity eval resume RUN finishes it (eval run, resume; eval gate on such a run)");

    final int code;
    final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit code. */
    public int code() {
        return code;
    }
}
