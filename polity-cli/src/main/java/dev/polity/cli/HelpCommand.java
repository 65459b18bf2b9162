package dev.polity.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code polity help [COMMAND...]}: the usage of any command, however deeply nested ({@code polity help eval run});
 * picocli's own help command looks one level down only.
 */
@Command(name = "help", helpCommand = true, description = "Show the usage of a command: polity help eval run is polity eval run --help.")
final class HelpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its subcommands, e.g. eval run.")
    List<String> path = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine target = spec.commandLine().getParent();
        List<String> walked = new ArrayList<>();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                String known = String.join(", ", target.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList());
                throw new ParameterException(spec.commandLine(), "Unknown command '" + String.join(" ", walked) + (walked.isEmpty() ? "" : " ")
                        + name + "'" + (known.isEmpty() ? ": " + target.getCommandSpec().qualifiedName() + " has no subcommands"
                        : "; expected one of " + known));
            }
            walked.add(name);
            target = next;
        }
        target.usage(spec.commandLine().getOut());
        return ExitCode.DONE.code;
    }
}
