package dev.polity.cli;

import dev.polity.input.AtomicFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.choice.AggregateJson;
import dev.polity.choice.BallotCsvReader;
import dev.polity.choice.Choices;
import dev.polity.choice.Comparisons;
import dev.polity.choice.Fit;
import dev.polity.choice.GroupAnalysis;
import dev.polity.choice.LuceModel;
import dev.polity.choice.MajorityMatrix;
import dev.polity.choice.PairCounts;
import dev.polity.choice.PairwiseReader;
import dev.polity.choice.PrefLibReader;
import dev.polity.choice.Profile;
import dev.polity.choice.Ratings;
import dev.polity.choice.RatingsReader;
import dev.polity.choice.Rule;
import dev.polity.choice.RuleRefusal;
import dev.polity.choice.RuleResult;
import dev.polity.choice.Welfare;
import dev.polity.input.CsvReader;
import dev.polity.input.CsvTable;
import dev.polity.input.InvalidInputException;
import dev.polity.report.AggregateHtml;
import dev.polity.stats.Bootstrap;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polity aggregate}: voting rules, Bradley-Terry / Plackett-Luce, group welfare and diagnostics. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "Aggregate ranked ballots, pairwise comparisons or ratings with auditable rules, models and welfare functions.")
public final class AggregateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "PrefLib .soc/.soi/.toc/.toi, or a CSV (pairwise winner,loser; ballots with a ranking column; ratings).")
    Path file;

    @Option(names = "--format", description = "preflib, ballots, pairwise or ratings (default: from the extension and the CSV header).")
    String format;

    @Option(names = "--rule", completionCandidates = RuleNames.class, description = "${COMPLETION-CANDIDATES} or all (default: all; docs/CHOICE.md).")
    String rule;

    @Option(names = "--model", description = "bradley-terry or plackett-luce.")
    String model;

    @Option(names = "--method", defaultValue = "ilsr", description = "mm or ilsr (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--alpha", defaultValue = "0", description = "L2 penalty (alpha/2)||theta||^2 on log-strengths; > 0 needs --method mm (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--groups", split = ",", description = "Rater/voter attributes defining groups, e.g. country,age_group (crossed when several).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--welfare", defaultValue = "utilitarian", description = "utilitarian, egalitarian, leximin or nash (default: ${DEFAULT-VALUE}).")
    String welfare;

    @Option(names = "--weights", defaultValue = "equal", description = "equal, proportional, or a CSV file group,weight (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--bootstrap", defaultValue = "0", description = "Bootstrap samples for confidence intervals of model strengths.")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rater-column", description = "Ratings: the rater id column (default: rater, user_id, annotator).")
    String raterColumn;

    @Option(names = "--item-column", description = "Ratings: the item id column (default: item, instance_id).")
    String itemColumn;

    @Option(names = "--rating-column", description = "Ratings: the value column (default: rating, value, score, offensiveness).")
    String ratingColumn;

    @Option(names = "--out", description = "Write report.html and result.json into this folder.")
    Path out;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
    boolean json;

    static final ObjectMapper JSON = new ObjectMapper();

    /** Fits that stopped at their iteration limit, said on stderr and in the exit code. */
    private final List<String> unconverged = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file.toString(), 0, "no such file");
        }
        Main.of(spec).doing("aggregating " + file);
        if (out != null) {
            AtomicFile.folder(out); // before the work: a file where the folder should be is said at once, by name
        }
        OptionValues.atLeast("--bootstrap", bootstrap, 0);
        String fmt = format != null ? format.toLowerCase(Locale.ROOT) : detect(file);
        Welfare w = Welfare.byId(welfare);
        if (rule != null && !rule.equals("all")) {
            Rule.byId(rule);
        }
        if (model != null) {
            LuceModel.checkSettings(LuceModel.Method.byId(method), alpha);
        } else {
            LuceModel.Method.byId(method);
        }
        GroupWeights gw = groupWeights(); // a weights file is read before any group is fitted
        Map<String, Object> result;
        AggregateHtml report = new AggregateHtml(file.getFileName().toString());
        switch (fmt) {
            case "preflib", "ballots" -> {
                Profile p = fmt.equals("preflib") ? PrefLibReader.read(file) : BallotCsvReader.read(file);
                report.title(p.title());
                if (model != null) {
                    result = modelResult(p.items(), choicesOf(p), report);
                } else {
                    result = rulesResult(p, null, p.items(), report);
                }
                if (!groups.isEmpty()) {
                    if (!fmt.equals("ballots")) {
                        throw new InvalidInputException(file.toString(), 0, "--groups needs voter attributes: PrefLib files have none; use a ballots CSV");
                    }
                    requireAttributes(p.ballots().isEmpty() ? List.of() : List.copyOf(p.ballots().get(0).attributes().keySet()));
                    GroupAnalysis.GroupInput in = GroupAnalysis.fromProfile(p, groups);
                    result.put("groups", groupsJson(p.items(), in, w, gw, report));
                }
            }
            case "pairwise" -> {
                Comparisons c = PairwiseReader.read(file);
                if (!groups.isEmpty()) {
                    requireAttributes(c.attributeNames());
                }
                if (model != null || rule == null) {
                    if (model != null && !model.equals("bradley-terry")) {
                        throw new InvalidInputException(null, "--model: pairwise comparisons take bradley-terry, got '" + model + "'");
                    }
                    model = "bradley-terry";
                    result = modelResult(c.items(), Choices.of(c.counts()), report);
                } else {
                    result = rulesResult(null, MajorityMatrix.of(c.counts()), c.items(), report);
                }
                if (!groups.isEmpty()) {
                    result.put("groups", groupsJson(c.items(), pairwiseGroups(c), w, gw, report));
                }
            }
            case "ratings" -> {
                Ratings r = RatingsReader.read(file, new RatingsReader.Columns(raterColumn, itemColumn, ratingColumn));
                requireAttributes(r.attributeNames());
                GroupAnalysis.GroupInput in = GroupAnalysis.fromRatings(r, groups);
                result = AggregateJson.ratings(r, groupsJson(r.items(), in, w, gw, report));
                report.ratings(r);
            }
            default -> throw new InvalidInputException(null, "--format: expected preflib, ballots, pairwise or ratings, got '" + fmt + "'");
        }
        PrintWriter o = spec.commandLine().getOut();
        for (String note : unconverged) {
            spec.commandLine().getErr().println("warning: " + file + ": " + note + "; the strengths are approximate"
                    + " (try --method ilsr, or --method mm --alpha 0.01)");
        }
        if (out != null) {
            AtomicFile.write(out.resolve("result.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            AtomicFile.write(out.resolve("report.html"), report.html());
        }
        if (json) {
            o.println(JSON.writeValueAsString(result));
        } else {
            o.print(AggregateText.render(result));
            if (out != null) {
                o.println("report: " + out.resolve("report.html"));
            }
        }
        // a fit that stopped short is a check that failed: the numbers are printed, but a script must not take them as final
        return unconverged.isEmpty() ? ExitCode.DONE.code : ExitCode.CHECK_FAILED.code;
    }

    /** How groups are weighed: {@code --weights} read once, before the work. */
    private record GroupWeights(GroupAnalysis.Weights mode, Map<String, Double> given, String source) {
    }

    private GroupWeights groupWeights() {
        return switch (weights) {
            case "equal" -> new GroupWeights(GroupAnalysis.Weights.EQUAL, Map.of(), "--weights");
            case "proportional" -> new GroupWeights(GroupAnalysis.Weights.PROPORTIONAL, Map.of(), "--weights");
            default -> {
                if (!Files.isRegularFile(Path.of(weights))) {
                    throw new InvalidInputException(null, "--weights: expected equal, proportional or a CSV file group,weight; no file '"
                            + weights + "'");
                }
                yield new GroupWeights(GroupAnalysis.Weights.GIVEN, GroupAnalysis.readWeights(Path.of(weights), "--weights"), weights);
            }
        };
    }

    private void requireAttributes(List<String> available) {
        for (String g : groups) {
            if (!available.contains(g)) {
                throw new InvalidInputException(file.toString(), 1, "--groups: no attribute column '" + g + "'; attributes are " + available);
            }
        }
    }

    static String detect(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.matches(".*\\.(soc|soi|toc|toi)$")) {
            return "preflib";
        }
        CsvTable.Header header;
        try (CsvReader in = CsvReader.open(file)) {
            header = in.header();
        }
        if (header.find("winner") >= 0 && header.find("loser") >= 0) {
            return "pairwise";
        }
        if (header.find("ranking", "ballot") >= 0) {
            return "ballots";
        }
        if (header.name(0).startsWith("#")) {
            return "preflib";
        }
        return "ratings";
    }

    private Choices choicesOf(Profile p) {
        return switch (model) {
            case "plackett-luce" -> Choices.of(p);
            case "bradley-terry" -> Choices.of(PairCounts.of(p.majority()));
            default -> throw new InvalidInputException(null, "--model: expected bradley-terry or plackett-luce, got '" + model + "'");
        };
    }

    private Map<String, Object> modelResult(List<Object> items, Choices data, AggregateHtml report) {
        LuceModel.Method m = LuceModel.Method.byId(method);
        Fit fit;
        try {
            fit = LuceModel.fit(data, m, alpha);
        } catch (InvalidInputException e) {
            throw e.in(file.toString()); // the settings were checked before; what the fit refuses is the file's data
        }
        if (!fit.converged()) {
            unconverged.add(fit.stoppedShort(model + " by " + m.id()));
        }
        if (bootstrap > 0) {
            Bootstrap.Intervals ci;
            try (Progress pb = Progress.start(Main.of(spec).progress(), "bootstrap", "samples", bootstrap)) {
                ci = LuceModel.bootstrap(data, m, alpha, fit, new Bootstrap(bootstrap, seed), pb::stepTo);
            }
            report.model(items, fit, ci, model);
            return AggregateJson.model(items, fit, model, bootstrap, ci.lower(), ci.upper());
        }
        report.model(items, fit, null, model);
        return AggregateJson.model(items, fit, model, 0, null, null);
    }

    /** The rules on ballots ({@code p}) or, for pairwise comparisons, on their majority matrix alone; {@code labels} name the items. */
    private Map<String, Object> rulesResult(Profile p, MajorityMatrix given, List<Object> labels, AggregateHtml report) {
        MajorityMatrix m = given != null ? given : p.majority();
        double voters = given != null ? m.largestPairTotal() : p.voters();
        String which = rule == null ? "all" : rule;
        List<Rule> rules = which.equals("all") ? Rule.all() : List.of(Rule.byId(which));
        List<RuleResult> done = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Rule r : rules) {
            if (p == null && !r.majorityOnly()) {
                if (rules.size() == 1) {
                    throw new InvalidInputException(null, "--rule " + r.id() + " needs ranked ballots; pairwise comparisons support "
                            + "borda, copeland, schulze, ranked-pairs, kemeny, maximal-lotteries");
                }
                skipped.add(r.id() + ": needs ranked ballots");
                continue;
            }
            RuleResult res;
            try {
                res = p != null && !r.majorityOnly() ? r.apply(p) : r.apply(m, voters);
            } catch (RuleRefusal e) {
                if (rules.size() == 1) {
                    throw e;
                }
                skipped.add(e.getMessage());
                continue;
            }
            done.add(res);
        }
        report.rules(labels, m, done);
        if (rules.size() == 1) {
            return AggregateJson.rule(done.get(0), labels);
        }
        return AggregateJson.rules(labels, m, done, skipped);
    }

    private GroupAnalysis.GroupInput pairwiseGroups(Comparisons c) {
        Map<String, PairCounts> byGroup = c.groupCounts(groups);
        Map<String, Double> sizes = c.groupSizes(groups);
        List<String> names = new ArrayList<>(byGroup.keySet());
        double[] sz = names.stream().mapToDouble(g -> sizes.getOrDefault(g, 0.0)).toArray();
        try (Progress pb = Progress.start(Main.of(spec).progress(), "group fits", "groups", names.size())) {
            return GroupAnalysis.fromPairCounts(names, names.stream().map(byGroup::get).toList(), sz, alpha, (g, f) -> {
                if (!f.converged()) {
                    unconverged.add(f.stoppedShort("the fit of group " + g));
                }
                pb.step();
            });
        }
    }

    private Map<String, Object> groupsJson(List<Object> items, GroupAnalysis.GroupInput in, Welfare w, GroupWeights gw, AggregateHtml report) {
        double[] wt = GroupAnalysis.weights(gw.mode(), in.groups(), in.sizes(), gw.given(), gw.source());
        GroupAnalysis a = GroupAnalysis.of(items, in.groups(), in.utility(), in.observed(), in.sizes(), wt, w);
        report.groups(a);
        return AggregateJson.groups(a, groups, weights);
    }
}
