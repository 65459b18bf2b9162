package dev.polity.cli;

import dev.polity.judge.CachedEmbedder;
import dev.polity.judge.DataSets;
import dev.polity.judge.TextEmbedder;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code polity quickstart}: Polity's main job on the bundled examples. Lints the starter constitution,
 * resolves it for a table of contexts, and writes a readable summary (Markdown and HTML); then, when the
 * real data is there, runs the XSTest and POPQUORN checks of the detectors and adds their tables and charts.
 */
@Command(name = "quickstart", description = "Run Polity on the bundled examples and write out/quickstart/.")
public final class QuickstartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--constitution", description = "Entry file (default: constitutions/starter.yaml).")
    Path constitution;

    @Option(names = "--out", defaultValue = "out/quickstart", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding xstest/ and popquorn/ (default: POLITY_DATA, else ../shared/data).")
    Path data;

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
        o.println(Summary.terminal(c, lint, results));
        o.flush();
        List<QuickstartSection> sections = new ArrayList<>();
        exampleSuite().ifPresent(sections::add);
        sections.addAll(realDataChecks(o));
        String md = Summary.markdown(c, lint, results, sections);
        Files.writeString(out.resolve("summary.md"), md, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("index.html"), Summary.html(c, lint, results, sections), StandardCharsets.UTF_8);
        o.println("Wrote " + out.resolve("index.html") + " and " + out.resolve("summary.md"));
        return lint.hasErrors() ? 1 : 0;
    }

    /**
     * LEAD: the example suite run through replay goes here. Run the suite (e.g. suites/quickstart.yaml with
     * recorded answers), then return {@code Optional.of(new QuickstartSection("Example suite through replay",
     * markdown, htmlFragment))} built from the run's {@code dev.polity.eval.Results} (rendered by
     * dev.polity.report without its page around it). It is placed after the constitution summary and before
     * the real-data checks, in both index.html and summary.md.
     */
    Optional<QuickstartSection> exampleSuite() {
        return Optional.empty();
    }

    /** The real-data checks whose data is present, each with its table and chart; else one line on how to provide the data. */
    List<QuickstartSection> realDataChecks(PrintWriter o) throws IOException {
        Map<RealDataCheck, Path> present = new EnumMap<>(RealDataCheck.class);
        for (RealDataCheck check : RealDataCheck.values()) {
            check.find(data).ifPresent(dir -> present.put(check, dir));
        }
        List<QuickstartSection> sections = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        TextEmbedder embedder = present.isEmpty() ? null : CachedEmbedder.miniLm();
        for (RealDataCheck check : RealDataCheck.values()) {
            Path dir = present.get(check);
            if (dir == null) {
                missing.add(check.dataSet);
                continue;
            }
            CheckOutcome outcome = check.run(dir, embedder);
            Files.writeString(out.resolve(check.name() + ".json"), outcome.jsonText(), StandardCharsets.UTF_8);
            sections.add(new QuickstartSection("Real data: " + check.title + " (" + dir + ")", outcome.markdown(), outcome.html()));
            o.println(outcome.terminal());
            o.flush();
        }
        if (!missing.isEmpty()) {
            String line = "Real-data checks skipped (" + String.join(", ", missing) + " not found): " + DataSets.HOW_TO + ".";
            sections.add(QuickstartSection.note("Real-data checks", line));
            o.println(line);
        }
        return sections;
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
