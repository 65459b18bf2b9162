package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command explains itself: {@code --help}, {@code -h} and {@code polity help ...} print its usage and exit 0,
 * even when it has required options; a command that only groups others, called alone, is a usage error.
 * The commands come from picocli's tree, so a new command is covered without being listed here.
 */
class CommandHelpTest {

    /** Every command below {@code polity}, as the words that call it (e.g. [eval, run]); [] is polity itself. */
    static List<List<String>> paths() {
        List<List<String>> all = new ArrayList<>();
        walk(Main.commandLine(silent(), silent(), System::getenv), new ArrayList<>(), all);
        return all;
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> all) {
        all.add(List.copyOf(path));
        for (var e : command.getSubcommands().entrySet()) {
            List<String> next = new ArrayList<>(path);
            next.add(e.getKey());
            walk(e.getValue(), next, all);
        }
    }

    static Stream<List<String>> commands() {
        return paths().stream();
    }

    static Stream<List<String>> groups() {
        CommandLine root = Main.commandLine(silent(), silent(), System::getenv);
        return paths().stream().filter(p -> {
            CommandLine c = root;
            for (String name : p) {
                c = c.getSubcommands().get(name);
            }
            return c.getCommandSpec().userObject() instanceof CommandGroup;
        });
    }

    private static PrintWriter silent() {
        return new PrintWriter(Writer.nullWriter());
    }

    private static String[] args(List<String> before, List<String> path, String... after) {
        List<String> a = new ArrayList<>(before);
        a.addAll(path);
        a.addAll(List.of(after));
        return a.toArray(String[]::new);
    }

    @Test
    void theTreeHoldsEveryCommand() {
        List<String> names = paths().stream().map(p -> String.join(" ", p)).toList();
        assertTrue(names.containsAll(List.of("", "quickstart", "norms lint", "norms resolve", "norms diff", "judge train", "judge run",
                "judge check", "deliberate", "deliberate promote", "eval run", "eval resume", "eval report", "eval gate", "eval list",
                "aggregate", "help")), names.toString());
    }

    @ParameterizedTest(name = "polity {0} --help")
    @MethodSource("commands")
    void helpPrintsTheUsageOnStdoutAndExitsZero(List<String> path) {
        CliRun r = CliRun.of(args(List.of(), path, "--help"));
        assertEquals(ExitCode.DONE.code, r.exit(), r.err());
        String usage = "Usage: " + String.join(" ", args(List.of("polity"), path)) + " ";
        assertTrue(r.out().startsWith(usage), r.out());
        assertEquals("", r.err());
        assertEquals(r.out(), CliRun.of(args(List.of(), path, "-h")).out());
        // polity help A B says the same as polity A B --help
        CliRun help = CliRun.of(args(List.of("help"), path));
        assertEquals(ExitCode.DONE.code, help.exit(), help.err());
        assertEquals(r.out(), help.out());
    }

    @ParameterizedTest(name = "polity {0}")
    @MethodSource("groups")
    void aGroupWithoutItsSubcommandIsAUsageError(List<String> path) {
        CliRun r = CliRun.of(args(List.of(), path));
        assertEquals(ExitCode.USAGE.code, r.exit());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("Missing command: expected one of "), r.err());
        assertEquals("Try '" + String.join(" ", args(List.of("polity"), path)) + " --help' for more information.", lines.get(1));
        assertEquals(2, lines.size(), r.err());
    }

    @Test
    void unknownCommandsAreUsageErrorsWithASuggestion() {
        CliRun r = CliRun.of("nrms", "lint");
        assertEquals(ExitCode.USAGE.code, r.exit());
        assertTrue(r.err().startsWith("Unmatched arguments from index 0: 'nrms', 'lint'"), r.err());
        assertTrue(r.err().contains("Did you mean: polity norms?"), r.err());
        CliRun other = CliRun.of("eval", "xyz");
        assertEquals(ExitCode.USAGE.code, other.exit());
        assertEquals(List.of("Unmatched argument at index 1: 'xyz'", "Try 'polity eval --help' for more information."), other.err().lines().toList());

        CliRun help = CliRun.of("help", "eval", "nope");
        assertEquals(ExitCode.USAGE.code, help.exit());
        assertEquals("Unknown command 'eval nope'; expected one of run, resume, report, gate, list", help.err().lines().findFirst().orElseThrow());

        CliRun leaf = CliRun.of("help", "norms", "lint", "deeper");
        assertEquals(ExitCode.USAGE.code, leaf.exit());
        assertTrue(leaf.err().startsWith("Unknown command 'norms lint deeper': polity norms lint has no subcommands"), leaf.err());
    }

    @Test
    void aMissingRequiredOptionIsOneLineAndAPointerToTheHelp() {
        CliRun r = CliRun.of("judge", "run", "--detector", "refusal");
        assertEquals(ExitCode.USAGE.code, r.exit());
        assertEquals(List.of("Missing required options: '--input=<input>', '--text-column=<textColumn>', '--out=<out>'",
                "Try 'polity judge run --help' for more information."), r.err().lines().toList());
    }

    @Test
    void theTopUsageListsTheExitCodes() {
        CliRun r = CliRun.of("--help");
        for (ExitCode c : ExitCode.values()) {
            assertTrue(r.out().contains("\n  " + c.code + "   " + c.meaning.substring(0, 20)), c + ":\n" + r.out());
        }
        r.out().lines().forEach(l -> assertTrue(l.length() <= 80, "wider than the usage: " + l));
    }
}
