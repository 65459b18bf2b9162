package dev.polity.cli;

import dev.polity.input.InvalidInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionDiff;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Context;
import dev.polity.input.Diagnostic;
import dev.polity.norms.Lint;
import dev.polity.norms.Resolution;
import dev.polity.norms.Resolver;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code polity norms lint|resolve|diff}: work with a constitution. */
@Command(name = "norms", description = "Lint, resolve and compare constitutions.",
        subcommands = {NormsCommand.LintCommand.class, NormsCommand.ResolveCommand.class, NormsCommand.DiffCommand.class})
public final class NormsCommand extends CommandGroup {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @Command(name = "lint", description = "Check a constitution: schema, semantics, conflicts, gaps, unreachable and shadowed norms."
            + " Exit 0 when there are no errors, 3 when there are (or warnings with --strict), 1 when FILE cannot be read.")
    static final class LintCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The constitution's entry file (YAML).")
        Path file;

        @Option(names = "--strict", description = "Treat warnings (gaps, unreachable or shadowed norms) as errors.")
        boolean strict;

        @Option(names = "--date", description = "YYYY-MM-DD: a norm whose effective.until is on or before it is unreachable (default: today).")
        String date;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            boolean quiet = Main.of(spec).quiet;
            Main.of(spec).doing("linting " + file);
            Constitution c;
            try {
                c = ConstitutionLoader.load(file);
            } catch (InvalidInputException e) {
                e.errors().forEach(err::println);
                if (!Files.isRegularFile(file)) {
                    return ExitCode.INPUT.code;
                }
                err.println(Tables.count(e.errors().size(), "error") + " in " + file);
                return ExitCode.CHECK_FAILED.code;
            }
            Lint.Report report = withCheckProblems(Lint.check(c, CommandClock.date("--date", date)), c);
            for (Diagnostic d : report.findings()) {
                if (quiet && d.severity() == Diagnostic.Severity.INFO) {
                    continue;
                }
                (d.severity() == Diagnostic.Severity.INFO ? out : err).println(d);
            }
            long warnings = report.count(Diagnostic.Severity.WARNING);
            long errors = report.count(Diagnostic.Severity.ERROR);
            out.printf(Locale.ROOT, "%s: %s in %s, %s checked, %s (%d settled differently by place), %s, %s%n",
                    file, Tables.count(c.norms().size(), "norm"), Tables.count(c.files().size(), "file"), Tables.count(report.contexts(), "context"),
                    Tables.count(report.conflicts().size(), "conflict"), report.conflicts().stream().filter(Lint.Conflict::variesByContext).count(),
                    Tables.count(warnings, "warning"), Tables.count(errors, "error"));
            return errors > 0 || strict && warnings > 0 ? ExitCode.CHECK_FAILED.code : ExitCode.DONE.code;
        }
    }

    @Command(name = "resolve", description = "The norms that apply in a context, with the reasons and the gaps.")
    static final class ResolveCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The constitution's entry file (YAML).")
        Path file;

        @Option(names = "--jurisdiction", required = true, description = "ISO 3166 code or grouping, e.g. DE-BY.")
        String jurisdiction;

        @picocli.CommandLine.Mixin
        ContextOptions where;

        @Option(names = "--format", defaultValue = "table", description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() throws Exception {
            Main.of(spec).doing("resolving " + file);
            Constitution c = ConstitutionLoader.load(file);
            Context ctx = context(c, jurisdiction, where.domain, where.audience, where.date);
            Resolution r = new Resolver(c).applicable(ctx);
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case "json" -> out.println(JSON.writeValueAsString(r.asMap()));
                case "yaml" -> out.print(YAML.writeValueAsString(r.asMap()));
                case "table" -> out.print(Tables.resolution(r));
                default -> throw new InvalidInputException(null, "--format: expected table, json or yaml, got '" + format + "'");
            }
            return ExitCode.DONE.code;
        }
    }

    @Command(name = "diff", description = "What changed between two versions of a constitution, and where the applicable set changes.")
    static final class DiffCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "OLD")
        Path before;

        @Parameters(index = "1", paramLabel = "NEW")
        Path after;

        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--limit", defaultValue = "40", description = "Contexts to list in text form (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--date", description = "YYYY-MM-DD: the date of the compared contexts when neither version has effective dates (default: today).")
        String date;

        @Override
        public Integer call() throws Exception {
            Main.of(spec).doing("comparing " + before + " with " + after);
            ConstitutionDiff d = ConstitutionDiff.between(ConstitutionLoader.load(before), ConstitutionLoader.load(after),
                    CommandClock.date("--date", date));
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                out.println(JSON.writeValueAsString(d.asMap()));
                return ExitCode.DONE.code;
            }
            if (!format.equals("text")) {
                throw new InvalidInputException(null, "--format: expected text or json, got '" + format + "'");
            }
            out.print(Tables.diff(d, limit));
            return ExitCode.DONE.code;
        }
    }

    /**
     * Lint's findings plus one warning per check that names no built-in detector or a parameter its
     * detector does not read (it would otherwise be ignored silently when answers are judged).
     */
    static Lint.Report withCheckProblems(Lint.Report report, Constitution c) {
        List<Diagnostic> findings = new java.util.ArrayList<>(report.findings());
        for (dev.polity.norms.Norm n : c.norms()) {
            for (String problem : dev.polity.judge.Detectors.problems(n)) {
                findings.add(Diagnostic.warning(n.location(), problem));
            }
        }
        findings.sort(java.util.Comparator.comparing((Diagnostic d) -> d.location().file())
                .thenComparingInt(d -> d.location().line()).thenComparing(Diagnostic::message));
        return new Lint.Report(findings, report.conflicts(), report.contexts());
    }

    static Context context(Constitution c, String jurisdiction, String domain, String audience, String date) {
        if (!c.jurisdictions().isKnown(jurisdiction)) {
            throw new InvalidInputException(null, "--jurisdiction: " + c.jurisdictions().explainUnknown(jurisdiction));
        }
        LocalDate day = CommandClock.date("--date", date);
        if (domain != null && !c.domains().isEmpty() && !c.domains().contains(domain)) {
            throw new InvalidInputException(null, "--domain: '" + domain + "' is not declared; expected one of " + String.join(", ", c.domains()));
        }
        if (audience != null && !c.audiences().isEmpty() && !c.audiences().contains(audience)) {
            throw new InvalidInputException(null, "--audience: '" + audience + "' is not declared; expected one of " + String.join(", ", c.audiences()));
        }
        return new Context(jurisdiction, domain, audience, day);
    }

    static List<String> ids(List<Resolution.Applicable> as) {
        return as.stream().map(a -> a.norm().id()).toList();
    }
}
