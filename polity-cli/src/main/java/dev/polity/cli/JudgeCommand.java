package dev.polity.cli;

import picocli.CommandLine.Command;

/** {@code polity judge}: train and run the in-process detectors. */
@Command(name = "judge", description = "Train, run and check the refusal and derogation detectors on CSV files (no network).",
        subcommands = {JudgeTrainCommand.class, JudgeRunCommand.class, JudgeCheckCommand.class})
public final class JudgeCommand extends CommandGroup {
}
