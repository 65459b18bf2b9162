package dev.polity.cli;

import dev.polity.input.InvalidInputException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code polity} command. Each subcommand lives in its own class and is registered here. */
@Command(name = "polity", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Main.Version.class,
        description = "Align language models with societies: constitutions of scoped norms, and the tools around them.",
        subcommands = {
                QuickstartCommand.class,
                CheckCommand.class,
                ServeCommand.class,
                KeysCommand.class,
                AuditCommand.class,
                EvidenceCommand.class,
                NormsCommand.class,
                JudgeCommand.class,
                DeliberateCommand.class,
                EvalCommand.class,
                AggregateCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // JLine (under the progress bar) unpacks a native library into java.io.tmpdir unless told where
        if (System.getProperty("jline.tmpdir") == null) {
            System.setProperty("jline.tmpdir", dev.polity.input.CacheFolder.of("native").toString());
        }
        System.exit(run(args, utf8(System.out), utf8(System.err)));
    }

    /**
     * A writer that encodes UTF-8 whatever the platform's default charset: JSON, YAML and CSV on stdout are
     * UTF-8 (RFC 8259), and the same bytes under every locale.
     */
    static PrintWriter utf8(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /** Runs the command line with the given streams; returns the exit code. Used by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        PluginHelp.addTo(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(oneLine(e));
            cmd.getErr().flush();
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A user's mistake is one line without a stack trace; anything else names its type as well. */
    static String oneLine(Exception e) {
        if (e instanceof InvalidInputException ie) {
            return ie.oneLine();
        }
        if (e instanceof java.nio.file.NoSuchFileException nf) {
            return nf.getMessage() + ": no such file";
        }
        if (e instanceof java.io.UncheckedIOException io) {
            return "I/O error: " + io.getCause().getMessage();
        }
        String msg = e.getMessage();
        return "error: " + (msg == null ? e.getClass().getSimpleName() : msg);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"polity " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
