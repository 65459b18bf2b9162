package dev.polity.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code polity}, {@code polity norms}, ...): called without one it is
 * a usage error, answered like an unknown command (the message and the usage on stderr, exit 2).
 */
abstract class CommandGroup implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        String names = String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList());
        throw new ParameterException(spec.commandLine(), "Missing command: expected one of " + names);
    }
}
