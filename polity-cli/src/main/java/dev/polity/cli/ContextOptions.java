package dev.polity.cli;

import picocli.CommandLine.Option;

/** The options that name a context besides its jurisdiction, shared by the commands that take one (a picocli mixin). */
final class ContextOptions {
    @Option(names = "--domain", description = "e.g. healthcare; omit for no named domain.")
    String domain;

    @Option(names = "--audience", description = "e.g. minor; omit for no named audience.")
    String audience;

    @Option(names = "--date", description = "YYYY-MM-DD (default: today).")
    String date;
}
