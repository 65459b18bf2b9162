package dev.polity.cli;

import picocli.CommandLine.Command;

/** {@code polity export}: data for other tools (docs/REWARD.md). */
@Command(name = "export", description = "Export data for other tools: preference data for trainers (TRL's format).",
        subcommands = {ExportPreferencesCommand.class})
public final class ExportCommand extends CommandGroup {
}
