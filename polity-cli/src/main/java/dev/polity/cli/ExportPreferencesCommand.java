package dev.polity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.input.AtomicFile;
import dev.polity.input.InvalidInputException;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.reward.DataCard;
import dev.polity.reward.NormPenalties;
import dev.polity.reward.PreferenceExport;
import dev.polity.reward.PreferencePair;
import dev.polity.reward.Preferences;
import dev.polity.reward.Reward;
import dev.polity.reward.RewardModel;
import dev.polity.reward.RunPreferences;
import dev.polity.reward.SocietalReward;
import dev.polity.store.RunRecord;
import dev.polity.store.RunStore;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code polity export preferences}: TRL-style preference JSON Lines from human pairs re-labelled by the societal
 * reward, or from judged evaluation runs (per conversation, the best answer under the norms against the worst),
 * filtered by margin and verdict, with a data card in Markdown and JSON.
 */
@Command(name = "preferences", description = "Write TRL preference data (prompt, chosen, rejected; plain or conversational): human pairs re-labelled by"
        + " the societal reward (--pairs with --model), or judged evaluation runs, the best answer under the norms against the worst (--store, --run);"
        + " with a data card (Markdown and JSON).")
public final class ExportPreferencesCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "The preference file to write.")
    Path out;

    @Option(names = "--card", paramLabel = "PATH", description = "Where the data card goes: PATH.md and PATH.json (default: next to --out, as NAME.card.md and .json).")
    Path card;

    @Option(names = "--pairs", paramLabel = "FILE", description = "Human comparisons (.jsonl, .jsonl.gz, .csv), re-labelled by the reward of --model.")
    Path pairs;

    @Option(names = "--model", paramLabel = "MODEL", description = "With --pairs: the reward model that re-labels them.")
    Path model;

    @Option(names = "--store", paramLabel = "STORE", description = "The store of judged evaluation runs (a SQLite file or a jdbc:postgresql:// URL).")
    String store;

    @Option(names = "--run", paramLabel = "RUN", description = "With --store: a judged run whose answers are compared (repeat for several: models answering one suite).")
    List<String> runs;

    @Mixin
    RewardOptions reward;

    @Option(names = "--format", defaultValue = "plain", paramLabel = "plain|conversational", description = "TRL's standard or conversational form (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--min-margin", defaultValue = "0", paramLabel = "M", description = "Keep comparisons whose rewards differ by at least M (default: ${DEFAULT-VALUE}).")
    double minMargin;

    @Option(names = "--verdict", defaultValue = "any", paramLabel = "FILTER",
            description = "any, chosen-complies (the chosen answer violates no norm), rejected-violates, or both (default: ${DEFAULT-VALUE}).")
    String verdict;

    @Override
    public Integer call() throws Exception {
        PreferenceExport.Form form = PreferenceExport.Form.parse(format);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            AtomicFile.folder(parent); // before the work: a file where the folder should be is said at once
        }
        PreferenceExport.Filters filters = new PreferenceExport.Filters(minMargin, PreferenceExport.Verdicts.parse(verdict));
        if ((pairs == null) == (store == null)) {
            throw new InvalidInputException(null, "--pairs, --store: give one (human pairs with --model, or judged runs with --run)");
        }
        Map<String, Object> source = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        List<PreferenceExport.Candidate> all = pairs != null ? fromPairs(source, settings) : fromRuns(source, settings, extra);
        settings.put("format", form.wireName);
        settings.put("min_margin", minMargin);
        settings.put("verdict", filters.verdicts().wireName);
        List<PreferenceExport.Candidate> kept = PreferenceExport.filter(all, filters);
        StringBuilder lines = new StringBuilder();
        for (PreferenceExport.Candidate c : kept) {
            lines.append(JSON.writeValueAsString(PreferenceExport.line(c, form))).append('\n');
        }
        AtomicFile.write(out, lines.toString());
        String created = LocalDate.now(CommandClock.get()).toString();
        DataCard dc = DataCard.of("Preference data: " + out.getFileName(), created, source, settings, all, kept, filters, extra);
        Path base = card != null ? card : out.resolveSibling(out.getFileName().toString().replaceFirst("\\.jsonl$", "") + ".card");
        Path md = base.resolveSibling(base.getFileName() + ".md");
        Path json = base.resolveSibling(base.getFileName() + ".json");
        AtomicFile.write(md, dc.markdown());
        AtomicFile.write(json, dc.json());
        spec.commandLine().getOut().println("Exported " + kept.size() + " of " + all.size() + " comparisons to " + out + " (" + dc.counts().get("relabelled")
                + " re-labelled); data card " + md + ", " + json);
        return ExitCode.DONE.code;
    }

    private List<PreferenceExport.Candidate> fromPairs(Map<String, Object> source, Map<String, Object> settings) throws Exception {
        if (model == null) {
            throw new InvalidInputException(null, "--model: needed with --pairs (the reward model that re-labels them)");
        }
        if (runs != null) {
            throw new InvalidInputException(null, "--run: goes with --store, not --pairs");
        }
        RewardModel m = RewardModel.read(model);
        Main.of(spec).doing("reading " + pairs);
        Preferences data = Preferences.read(pairs);
        CachedEmbedder embedder = CachedEmbedder.miniLm();
        SocietalReward scorer = reward.reward(m, embedder);
        SocietalReward.Norms norms = reward.norms(embedder);
        List<SocietalReward.Exchange> items = new ArrayList<>();
        for (PreferencePair p : data.pairs()) {
            items.add(new SocietalReward.Exchange(p.prompt(), p.chosen()));
        }
        for (PreferencePair p : data.pairs()) {
            items.add(new SocietalReward.Exchange(p.prompt(), p.rejected()));
        }
        List<Reward> r;
        try (EmbeddingProgress progress = new EmbeddingProgress(Main.of(spec).progress(), "embedding", RewardEvalCommand.texts(data.pairs()))) {
            r = scorer.score(items, norms, progress.step());
        }
        int n = data.pairs().size();
        List<PreferenceExport.Candidate> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(PreferenceExport.relabel(data.pairs().get(i), r.get(i), r.get(n + i)));
        }
        source.put("pairs", data.file().getFileName() + " (sha256 " + data.sha256() + ")");
        source.put("model", model.getFileName() + " (trained on sha256 " + (m.provenance() == null ? "?" : m.provenance().dataSha256()) + ")");
        settings.put("welfare", m.grouped() ? reward.welfare : "one head");
        settings.put("group_weights", m.grouped() ? reward.groupWeights : null);
        settings.put("norm_penalties", norms == null ? "none (no --jurisdiction)"
                : reward.jurisdiction + "/" + (reward.where.domain == null ? "*" : reward.where.domain) + "/" + (reward.where.audience == null ? "*" : reward.where.audience)
                + " under " + norms.guard().constitution().name() + " (sha256 " + norms.guard().version() + ")");
        settings.put("tier_penalties", norms == null ? null : new LinkedHashMap<>(norms.penalties().perTier()));
        return all;
    }

    private List<PreferenceExport.Candidate> fromRuns(Map<String, Object> source, Map<String, Object> settings, Map<String, Object> extra) {
        if (runs == null || runs.isEmpty()) {
            throw new InvalidInputException(null, "--run: needed with --store (the judged runs to compare)");
        }
        if (model != null || reward.jurisdiction != null) {
            throw new InvalidInputException(null, "--model, --jurisdiction: judged runs are ranked by the verdicts they stored, in their own contexts");
        }
        Constitution c = ConstitutionLoader.load(reward.constitutionFile());
        NormPenalties penalties = NormPenalties.standard(c.tiers()).with(reward.penalties());
        List<RunRecord> records = new ArrayList<>();
        try (RunStore s = RunStore.open(store, CommandClock.get())) {
            for (String id : runs) {
                records.add(s.run(id).orElseThrow(() -> new InvalidInputException(null, "--run: no run '" + id + "' in " + store)));
            }
        }
        RunPreferences.Result r = RunPreferences.of(records, c, penalties);
        source.put("store", store);
        source.put("runs", runs);
        settings.put("ranked_by", "the runs' stored ensemble verdicts, charged by tier under " + c.name() + " (sha256 " + c.digest() + ")");
        settings.put("tier_penalties", new LinkedHashMap<>(penalties.perTier()));
        extra.put("conversations", r.conversations());
        extra.put("conversations_with_one_answer", r.single());
        extra.put("conversations_all_alike", r.ties());
        return r.candidates();
    }
}
