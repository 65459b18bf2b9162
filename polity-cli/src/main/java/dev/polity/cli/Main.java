package dev.polity.cli;

import dev.polity.input.InvalidInputException;
import dev.polity.input.TextFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code polity} command. Each subcommand lives in its own class and is registered here. */
@Command(name = "polity", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Main.Version.class,
        description = "Align language models with societies: constitutions of scoped norms, and the tools around them.",
        footer = "%nEvery command explains itself: polity help COMMAND [SUBCOMMAND], or polity COMMAND --help. More in docs/CLI.md."
                + "%nThe same aggregations on Apache Spark: polity spark bt|deliberate|bridge (bin/polity; docs/SPARK.md).",
        subcommands = {
                QuickstartCommand.class,
                CheckCommand.class,
                ServeCommand.class,
                KeysCommand.class,
                AuditCommand.class,
                EvidenceCommand.class,
                NormsCommand.class,
                JudgeCommand.class,
                RewardCommand.class,
                ExportCommand.class,
                DeliberateCommand.class,
                DeliberationsCommand.class,
                EvalCommand.class,
                AggregateCommand.class,
                HelpCommand.class
        })
public final class Main extends CommandGroup {
    /** Set to 1 (or true) for the stack trace of an unexpected error, as {@code --stacktrace} does. */
    static final String DEBUG = "POLITY_DEBUG";

    @Option(names = "--quiet", scope = CommandLine.ScopeType.INHERIT, description = "No progress and no notes on stderr or stdout: results, warnings and errors only.")
    boolean quiet;

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT, description = "After the one-line message of an unexpected error, print its stack trace (or set POLITY_DEBUG=1).")
    boolean stacktrace;

    /** What the command is doing, for the message of an unexpected error; set by commands as they go. */
    private String doing;

    private ProgressMode progress;

    private Function<String, String> env = System::getenv;

    public static void main(String[] args) {
        // JLine (under the progress bar) unpacks a native library into java.io.tmpdir unless told where
        if (System.getProperty("jline.tmpdir") == null) {
            System.setProperty("jline.tmpdir", dev.polity.input.CacheFolder.of("native").toString());
        }
        System.exit(run(args, utf8(System.out), utf8(System.err)));
    }

    /**
     * Runs the command line with commands that live in other modules added to the CLI's own (polity-spark adds
     * {@code spark}, which needs Spark's jars, so bin/polity starts it in a JVM of its own), with the same
     * handling of errors and the same exit codes; returns the exit code.
     */
    public static int runWith(List<Object> more, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(out, err, System::getenv, more);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * A writer that encodes UTF-8 whatever the platform's default charset: JSON, YAML and CSV on stdout are
     * UTF-8 (RFC 8259), and the same bytes under every locale.
     */
    static PrintWriter utf8(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /** Runs the command line with the given streams; returns the exit code ({@link ExitCode}). Used by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System::getenv);
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Function<String, String> env) {
        CommandLine cli = commandLine(out, err, env);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The whole command tree with its streams and handlers, ready to execute. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Function<String, String> env) {
        return commandLine(out, err, env, List.of());
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, Function<String, String> env, List<Object> more) {
        Main main = new Main();
        main.env = env;
        CommandLine cli = new CommandLine(main);
        more.forEach(cli::addSubcommand);
        PluginHelp.addTo(cli);
        cli.setOut(out);
        cli.setErr(err);
        // no colour: help and errors are read from files and CI logs as often as on terminals (docs/CLI.md)
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode c : ExitCode.values()) {
            codes.put(Integer.toString(c.code), c.meaning);
        }
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes (every command):%n").exitCodeList(codes);
        // a usage error is its message and where to look, not the whole usage (which can run to a hundred lines)
        cli.setParameterExceptionHandler((e, parsedArgs) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter w = cmd.getErr();
            w.println(e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, w)) {
                w.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            w.flush();
            return ExitCode.USAGE.code;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter w = cmd.getErr();
            w.println(main.oneLine(e, cmd.getCommandSpec()));
            if (!expected(e) && (main.stacktrace || debug(main.env.apply(DEBUG)))) {
                e.printStackTrace(w);
            }
            w.flush();
            return ExitCode.INPUT.code;
        });
        return cli;
    }

    private static boolean debug(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /** The command's root object, which holds the global options. */
    static Main of(CommandSpec spec) {
        return (Main) spec.root().userObject();
    }

    /** Says what the command is now doing ("reading FILE"), named by the message of an unexpected error. */
    void doing(String what) {
        this.doing = what;
    }

    /** How progress is shown, decided once per command (a terminal check forks a process). */
    ProgressMode progress() {
        if (progress == null) {
            progress = ProgressMode.detect(quiet, env);
        }
        return progress;
    }

    /** Errors a user can act on without the trace: their message says it all. */
    private static boolean expected(Exception e) {
        return e instanceof InvalidInputException || e instanceof IOException || e instanceof UncheckedIOException;
    }

    /**
     * A user's mistake or an I/O error is one line without a stack trace; anything else is one line naming its
     * type, what the command was doing and how to see the trace.
     */
    String oneLine(Exception e, CommandSpec command) {
        if (e instanceof InvalidInputException ie) {
            return ie.oneLine();
        }
        if (e instanceof UncheckedIOException io) {
            return ioLine(io.getCause());
        }
        if (e instanceof IOException io) {
            return ioLine(io);
        }
        String what = doing != null ? doing : "running " + command.qualifiedName();
        String msg = e.getMessage();
        return "error: " + e.getClass().getSimpleName() + " while " + what + (msg == null || msg.isBlank() ? "" : ": " + firstLine(msg))
                + " (run with --stacktrace or " + DEBUG + "=1 for the trace)";
    }

    /** {@code PATH: what went wrong} for a file-system error (whose message is often the path alone), else the message. */
    static String ioLine(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": " + TextFile.reason(fs);
        }
        return "I/O error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage()));
    }

    private static String firstLine(String s) {
        return Arrays.stream(s.strip().split("\\R", 2)).findFirst().orElse("");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"polity " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
