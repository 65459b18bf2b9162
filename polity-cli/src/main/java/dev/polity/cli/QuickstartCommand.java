package dev.polity.cli;

import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Context;
import dev.polity.norms.Diagnostic;
import dev.polity.norms.InvalidInputException;
import dev.polity.norms.Lint;
import dev.polity.norms.Resolution;
import dev.polity.norms.Resolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code polity quickstart}: Polity's main job on the bundled examples. Lints the starter constitution,
 * resolves it for a table of contexts, and writes a readable summary (Markdown and HTML).
 */
@Command(name = "quickstart", description = "Run Polity on the bundled examples and write out/quickstart/.")
public final class QuickstartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--constitution", description = "Entry file (default: constitutions/starter.yaml).")
    Path constitution;

    @Option(names = "--out", defaultValue = "out/quickstart", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--date", description = "Date to resolve for (default: 2026-09-01, after the EU AI Act's transparency duties apply).")
    String date;

    /** Contexts chosen to show the same question settled differently by place, setting and audience. */
    static final List<String[]> CONTEXTS = List.of(
            new String[] {"DE-BY", "healthcare", "adult"},
            new String[] {"DE-BY", "healthcare", "minor"},
            new String[] {"FR", "education", "minor"},
            new String[] {"IE", "education", "minor"},
            new String[] {"ES", "public-administration", "adult"},
            new String[] {"US-CA", "general", "adult"},
            new String[] {"US-CA", "general", "minor"},
            new String[] {"US-UT", "legal", "adult"},
            new String[] {"US-TX", "healthcare", "adult"},
            new String[] {"GB", "legal", "adult"},
            new String[] {"KR", "general", "minor"},
            new String[] {"BR", "public-administration", "adult"});

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        Path file = constitution != null ? constitution : Home.path("constitutions/starter.yaml");
        Constitution c = ConstitutionLoader.load(file);
        Lint.Report lint = NormsCommand.withCheckProblems(Lint.check(c), c);
        Resolver resolver = new Resolver(c);
        LocalDate day = date == null ? LocalDate.of(2026, 9, 1) : parse(date);
        List<Resolution> results = new ArrayList<>();
        for (String[] row : CONTEXTS) {
            if (c.jurisdictions().isKnown(row[0])) {
                results.add(resolver.applicable(new Context(row[0], row[1], row[2], day)));
            }
        }
        Files.createDirectories(out);
        String md = Summary.markdown(c, lint, results);
        Files.writeString(out.resolve("summary.md"), md, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("index.html"), Summary.html(c, lint, results), StandardCharsets.UTF_8);
        o.println(Summary.terminal(c, lint, results));
        o.println("Wrote " + out.resolve("index.html") + " and " + out.resolve("summary.md"));
        return lint.hasErrors() ? 1 : 0;
    }

    private static LocalDate parse(String s) {
        try {
            return LocalDate.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(null, "--date: expected YYYY-MM-DD, got '" + s + "'");
        }
    }

    static long warnings(Lint.Report r) {
        return r.count(Diagnostic.Severity.WARNING);
    }
}
