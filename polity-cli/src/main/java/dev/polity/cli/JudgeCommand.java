package dev.polity.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code polity judge}: train and run the in-process detectors. */
@Command(name = "judge", description = "Train, run and check the refusal and derogation detectors on CSV files (no network).",
        subcommands = {JudgeTrainCommand.class, JudgeRunCommand.class, JudgeCheckCommand.class})
public final class JudgeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
