package dev.polity.cli;

import dev.polity.input.AtomicFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.Deliberation;
import dev.polity.report.DeliberationHtml;
import dev.polity.deliberation.DeliberationJson;
import dev.polity.deliberation.PolisExport;
import dev.polity.deliberation.Promotion;
import dev.polity.deliberation.Statement;
import dev.polity.input.Diagnostic;
import dev.polity.input.InvalidInputException;
import dev.polity.norms.Lint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code polity deliberate DIR}: opinion groups, consensus and bridging of a Polis-style conversation; {@code promote} to norms. */
@Command(name = "deliberate", description = "Analyse a Polis export folder (or a participant,statement,vote CSV): opinion groups, "
        + "representative statements, group-informed consensus and bridging. Writes an HTML report (--out) or JSON (--json).",
        subcommands = {DeliberateCommand.PromoteCommand.class})
public final class DeliberateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Input input;

    @Option(names = "--json", description = "Print the whole analysis as one JSON object on stdout.")
    boolean json;

    @Option(names = "--out", paramLabel = "OUT", description = "Write the HTML report to OUT (and the JSON next to it, OUT with .json).")
    Path out;

    static final ObjectMapper JSON = new ObjectMapper();

    /** The options every deliberate command shares. */
    static final class Input {
        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Polis export folder (comments.csv, votes.csv, participants-votes.csv) or a votes CSV.")
        Path dir;

        @Mixin
        DeliberationOptions analysis;

        @Option(names = "--no-bridging", description = "Skip the bridging factorisation.")
        boolean noBridging;

        Deliberation analyse(PrintWriter err, ProgressMode mode) {
            if (dir == null) {
                throw new InvalidInputException(null, "expected DIR: a Polis export folder or a votes CSV (see --help)");
            }
            Deliberation.Options o = analysis.options(!noBridging);
            Conversation c = PolisExport.read(dir, analysis.metaIds());
            for (String w : c.warnings()) {
                err.println("warning: " + w);
            }
            long t0 = System.nanoTime();
            Deliberation result;
            try (DeliberationProgress progress = new DeliberationProgress(mode)) {
                result = Deliberation.analyse(c, o, progress);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            // a note that goes with the progress, and like it not with --quiet
            if (seconds > 2 && mode != ProgressMode.OFF) {
                err.printf(Locale.ROOT, "analysed %d votes in %.1f s%n", c.votes().size(), seconds);
            }
            return result;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Main.of(spec).doing("analysing " + input.dir);
        Deliberation d = input.analyse(err, Main.of(spec).progress());
        Map<String, Object> everything = DeliberationJson.of(d);
        if (json) {
            stdout.println(JSON.writeValueAsString(everything));
        }
        if (out != null) {
            AtomicFile.write(out, DeliberationHtml.of(d));
            Path jsonOut = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.html?$", "") + ".json");
            AtomicFile.write(jsonOut, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(everything));
            err.println("wrote " + out + " and " + jsonOut);
        }
        if (!json) {
            stdout.printf(Locale.ROOT, "%s: %s, %s analysed, %s%s%n", d.conversation().name(),
                    Tables.count(d.conversation().participants().size(), "participant"), Tables.count(d.columns().length, "statement"),
                    Tables.count(d.groups().k(), "opinion group"),
                    out == null ? " (use --out report.html or --json for the details)" : "");
        }
        return ExitCode.DONE.code;
    }

    @Command(name = "promote", description = "Write a community-tier constitution layer (YAML) of the statements with broad support, "
            + "with their provenance; lint it. Kind, topic and scope per statement come from --mapping or, on a terminal, are asked for. "
            + "Exit 3 when the layer has lint errors.")
    static final class PromoteCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Input input;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The constitution layer to write (YAML).")
        Path out;

        @Option(names = "--mapping", paramLabel = "FILE", description = "YAML: statement id (or \"*\" for all others) -> {id, kind, topic, jurisdictions, domains, audiences, values}.")
        Path mapping;

        @Option(names = "--min-consensus", defaultValue = "0.5", description = "Least group-informed consensus (default: ${DEFAULT-VALUE}).")
        double minConsensus;

        @Option(names = "--min-group-votes", defaultValue = "3", description = "Least votes from every opinion group (default: ${DEFAULT-VALUE}).")
        int minGroupVotes;

        @Option(names = "--any-bridging", description = "Do not require the statement to be bridging (intercept >= 0.40, |factor| < 0.5).")
        boolean anyBridging;

        @Option(names = "--date", description = "Adoption date YYYY-MM-DD (default: today).")
        String date;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (mapping == null && !TerminalCheck.stdin()) {
                throw new ParameterException(spec.commandLine(), "Missing --mapping FILE: standard input is not a terminal, "
                        + "so the kind, topic and scope of each statement cannot be asked for");
            }
            LocalDate day = CommandClock.date("--date", date);
            Map<String, Promotion.Mapping> table = mapping == null ? Map.of() : Promotion.mappings(mapping);
            Main.of(spec).doing("analysing " + input.dir);
            Deliberation d = input.analyse(err, Main.of(spec).progress());
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            Promotion.Mapper mapper = (s, suggested) -> {
                Promotion.Mapping m = table.getOrDefault(s.id(), table.get("*"));
                return m != null ? m : ask(s, suggested, stdin, err);
            };
            Promotion.Thresholds t = new Promotion.Thresholds(minConsensus, !anyBridging, minGroupVotes);
            // Checked before anything is written: a bad mapping never replaces a good file.
            Promotion.Draft draft = Promotion.draft(d, t, mapper, day, out.toString());
            Lint.Report report = draft.lint();
            for (Diagnostic diagnostic : report.findings()) {
                if (diagnostic.severity() != Diagnostic.Severity.INFO) {
                    err.println(diagnostic);
                }
            }
            if (!report.hasErrors()) {
                AtomicFile.write(out, draft.yaml());
            }
            stdout.printf(Locale.ROOT, "%s: %s promoted from %s; lint: %s, %s%s%n", out, Tables.count(draft.constitution().norms().size(), "norm"),
                    d.conversation().name(), Tables.count(report.count(Diagnostic.Severity.ERROR), "error"),
                    Tables.count(report.count(Diagnostic.Severity.WARNING), "warning"), report.hasErrors() ? " (not written)" : "");
            return report.hasErrors() ? ExitCode.CHECK_FAILED.code : ExitCode.DONE.code;
        }

        static Promotion.Mapping ask(Statement s, String suggested, BufferedReader in, PrintWriter err) {
            try {
                err.println("Statement " + s.id() + ": " + s.text().strip());
                String kind = prompt(in, err, "  kind (must, must_not, should, should_not, may)", "should");
                String topic = prompt(in, err, "  topic (e.g. conduct.respect)", null);
                if (kind == null || topic == null) {
                    return null;
                }
                String jurisdictions = prompt(in, err, "  jurisdictions", "*");
                String domains = prompt(in, err, "  domains", "*");
                String audiences = prompt(in, err, "  audiences", "*");
                return new Promotion.Mapping(suggested, kind, topic, Promotion.list(jurisdictions),
                        "*".equals(domains) ? null : Promotion.list(domains), "*".equals(audiences) ? null : Promotion.list(audiences), null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read the answers to the promotion questions", e);
            }
        }

        private static String prompt(BufferedReader in, PrintWriter err, String question, String fallback) throws IOException {
            err.print(question + (fallback == null ? "" : " [" + fallback + "]") + ": ");
            err.flush();
            String line = in.readLine();
            if (line == null) {
                return null;
            }
            return line.isBlank() ? fallback : line.strip();
        }
    }
}
