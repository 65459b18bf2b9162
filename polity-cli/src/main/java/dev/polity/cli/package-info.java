/**
 * The {@code polity} command (picocli): one class per command, each parsing its options, calling core and
 * printing; no rules of its own. A new command is one class registered in {@link dev.polity.cli.Main}.
 */
package dev.polity.cli;
