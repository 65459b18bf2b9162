package dev.polity.cli;

import dev.polity.input.AtomicFile;
import dev.polity.eval.EvalRun;
import dev.polity.eval.RunSettings;
import dev.polity.eval.RunSummary;
import dev.polity.eval.Suite;
import dev.polity.eval.SuiteLoader;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.check.DataSets;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Context;
import dev.polity.input.Diagnostic;
import dev.polity.norms.Lint;
import dev.polity.norms.Resolution;
import dev.polity.norms.Resolver;
import dev.polity.report.Html;
import dev.polity.report.QuickstartHtml;
import dev.polity.store.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
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
        Main.of(spec).doing("running the quickstart on " + file);
        Constitution c = ConstitutionLoader.load(file);
        // one date for everything, so the summary does not change with the day it runs
        LocalDate day = date == null ? LocalDate.of(2026, 9, 1) : CommandClock.date("--date", date);
        Lint.Report lint = NormsCommand.withCheckProblems(Lint.check(c, day), c);
        Resolver resolver = new Resolver(c);
        List<Resolution> results = new ArrayList<>();
        for (String[] row : CONTEXTS) {
            if (c.jurisdictions().isKnown(row[0])) {
                results.add(resolver.applicable(new Context(row[0], row[1], row[2], day)));
            }
        }
        AtomicFile.folder(out);
        o.println(Summary.terminal(c, lint, results));
        o.flush();
        List<QuickstartSection> sections = new ArrayList<>();
        exampleSuite(o, day).ifPresent(sections::add);
        sections.addAll(realDataChecks(o, file));
        String md = Summary.markdown(c, lint, results, sections);
        AtomicFile.write(out.resolve("summary.md"), md);
        AtomicFile.write(out.resolve("index.html"), QuickstartHtml.render(c, lint, results, sections.stream().map(QuickstartSection::htmlSection).toList()));
        o.println("Wrote " + out.resolve("index.html") + " and " + out.resolve("summary.md"));
        return lint.hasErrors() ? ExitCode.CHECK_FAILED.code : ExitCode.DONE.code;
    }

    /**
     * The example suite ({@code suites/quickstart.yaml}: the starter constitution, three places, four probes)
     * run through its recorded answers, stored in {@code OUT/polity.db} (so a second quickstart answers from
     * the cache), with its full report in {@code OUT/suite/} and a summary section here.
     */
    Optional<QuickstartSection> exampleSuite(PrintWriter o, LocalDate day) throws IOException {
        Path file = Home.path("suites/quickstart.yaml");
        if (!Files.exists(file)) {
            return Optional.of(QuickstartSection.note("Example suite", "suites/quickstart.yaml not found; run from the Polity checkout"));
        }
        Suite suite = SuiteLoader.load(file, day);
        String store = out.resolve("polity.db").toString();
        try (RunStore st = RunStore.open(store, CommandClock.get())) {
            RunSummary summary;
            try (EvalProgress progress = new EvalProgress(Main.of(spec).progress(), "eval " + suite.name())) {
                summary = EvalRun.standard(st, progress).start(suite, List.of(), Path.of(""),
                        RunSettings.DEFAULT.withBootstrapReplicates(1000));
            }
            Path dir = out.resolve("suite");
            EvalScreen.write(summary.results(), dir);
            java.io.StringWriter text = new java.io.StringWriter();
            try (PrintWriter w = new PrintWriter(text)) {
                EvalScreen.summary(w, summary, dir, store);
            }
            o.print(text);
            o.flush();
            String intro = "Suite `" + Home.relative(file) + "` (" + suite.cases().size() + " cases, " + summary.results().items().size()
                    + " answers from recorded transcripts, judged against the norms that apply in each context). Full report: suite/index.html.";
            String html = "<p>" + Html.escape(intro).replace("suite/index.html", "<a href=\"suite/index.html\">suite/index.html</a>")
                    + "</p><pre>" + Html.escape(text.toString()) + "</pre>";
            return Optional.of(new QuickstartSection("Example suite through replay", intro + "\n\n```\n" + text + "```\n", html));
        }
    }

    /** The real-data checks whose data is present, each with its table and chart; else one line on how to provide the data. */
    List<QuickstartSection> realDataChecks(PrintWriter o, Path constitutionFile) throws IOException {
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
            CheckOutcome outcome = check.run(dir, embedder, Main.of(spec).progress(), constitutionFile);
            AtomicFile.write(out.resolve(check.name() + ".json"), outcome.jsonText());
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

    static long warnings(Lint.Report r) {
        return r.count(Diagnostic.Severity.WARNING);
    }
}
