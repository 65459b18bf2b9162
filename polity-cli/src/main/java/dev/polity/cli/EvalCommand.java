package dev.polity.cli;

import picocli.CommandLine.Command;

/** {@code polity eval}: run evaluation suites against models, resume them, report on them and gate CI on them. */
@Command(name = "eval", description = "Evaluate models against the norms that apply in each context (docs/EVALUATION.md).",
        subcommands = {EvalRunCommand.class, EvalResumeCommand.class, EvalReportCommand.class, EvalGateCommand.class, EvalListCommand.class})
public final class EvalCommand extends CommandGroup {
    /** Where runs are stored unless {@code --store} says otherwise. */
    static final String DEFAULT_STORE = "out/polity.db";
}
