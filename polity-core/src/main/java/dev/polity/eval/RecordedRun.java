package dev.polity.eval;

import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.judge.Ensemble;
import dev.polity.norms.Constitution;
import dev.polity.norms.Norm;
import dev.polity.stats.Bootstrap;
import dev.polity.store.RunItem;
import dev.polity.store.RunRecord;
import dev.polity.store.RunStore;
import dev.polity.store.StoredAnswer;
import dev.polity.store.StoredVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as the store recorded it: its record, suite, constitution, models (as written) and settings; and
 * its results, read back from the stored answers and verdicts keyed by item.
 *
 * @param modelDir the folder relative replay files of {@code models} are resolved against; null when not needed
 */
record RecordedRun(RunRecord record, Suite suite, Constitution constitution, List<String> models, Path modelDir, RunSettings settings) {
    /** Settings keys the runner adds to a run's provenance besides {@link RunSettings#asMap}. */
    static final String SUITE = "suite";
    static final String SUITE_NAME = "suite_name";
    static final String MODELS = "models";
    static final String MODEL_DIR = "model_dir";
    static final String STARTED = "started";
    static final String EVALUATION_DATE = "evaluation_date";

    /**
     * Reads run {@code runId} back, its suite from {@code suiteFile} when given (the suite moved), else from
     * the recorded path; the suite and its constitution must still have their recorded SHA-256.
     */
    static RecordedRun read(RunStore store, String runId, Path suiteFile) {
        RunRecord rec = store.run(runId).orElseThrow(() -> new InvalidInputException(new Location(store.location(), 0, 0),
                "no run '" + runId + "' in this store; polity eval list shows the runs"));
        Map<String, Object> st = rec.provenance().settings();
        Path file = suiteFile != null ? suiteFile : Path.of(String.valueOf(st.get(SUITE)));
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(new Location(file.toString(), 0, 0), "run " + runId
                    + " was made from this suite file, which is gone; give its new place with --suite");
        }
        Suite suite = SuiteLoader.load(file, evaluationDate(rec));
        if (!suite.digest().equals(rec.provenance().suiteSha256())) {
            throw new InvalidInputException(new Location(file.toString(), 0, 0), "the suite changed since run " + runId
                    + " started (SHA-256 " + abbrev(suite.digest()) + ", recorded " + abbrev(rec.provenance().suiteSha256())
                    + "); start a new run (identical requests come from the cache)");
        }
        Constitution c = SuiteLoader.constitution(suite);
        if (!c.digest().equals(rec.provenance().constitutionSha256())) {
            throw new InvalidInputException(new Location(suite.constitution().toString(), 0, 0), "the constitution changed since run "
                    + runId + " started (SHA-256 " + abbrev(c.digest()) + ", recorded " + abbrev(rec.provenance().constitutionSha256())
                    + "); start a new run (identical requests come from the cache)");
        }
        List<String> models = new ArrayList<>();
        if (st.get(MODELS) instanceof List<?> l) {
            l.forEach(o -> models.add(String.valueOf(o)));
        }
        Path dir = st.get(MODEL_DIR) == null ? suite.file().getParent() : Path.of(String.valueOf(st.get(MODEL_DIR)));
        return new RecordedRun(rec, suite, c, models, dir, RunSettings.fromMap(st));
    }

    /** The date a run's undated contexts were evaluated on; a run recorded before dates were kept: the day it was created (UTC). */
    static LocalDate evaluationDate(RunRecord rec) {
        Object d = rec.provenance().settings().get(EVALUATION_DATE);
        return d != null ? LocalDate.parse(d.toString()) : LocalDate.ofInstant(rec.created(), ZoneOffset.UTC);
    }

    private static String abbrev(String sha) {
        return sha == null ? "none" : sha.substring(0, Math.min(12, sha.length()));
    }

    private record Judged(RunPlan.Target target, JudgedItem item) {
    }

    /** The items judged so far, in suite order, with their metrics and the suite's gate. */
    Results results() {
        ApplicableNormJudge resolver = new ApplicableNormJudge(constitution, Ensemble.builder().build(), null);
        Map<RunItem, RunPlan.Target> targets = RunPlan.targets(suite, models.size(), record.answers());
        Map<String, List<StoredVerdict>> byAnswer = new LinkedHashMap<>();
        for (StoredVerdict v : record.verdicts()) {
            byAnswer.computeIfAbsent(v.answerId(), k -> new ArrayList<>()).add(v);
        }
        Map<String, Norm> norms = constitution.byId();
        List<Judged> judged = new ArrayList<>();
        for (StoredAnswer a : record.answers()) {
            RunPlan.Target t = targets.get(a.item());
            List<StoredVerdict> rows = byAnswer.getOrDefault(a.id(), List.of());
            if (t == null || !StoredJudgement.judged(rows)) {
                continue;
            }
            judged.add(new Judged(t, StoredJudgement.decode(t.item(), models.get(t.model()), a.answer().text(), rows, norms, resolver)));
        }
        judged.sort(Comparator.comparing(Judged::target, RunPlan.Target.ORDER));
        List<JudgedItem> items = judged.stream().map(Judged::item).toList();
        Metrics m = Metrics.of(items, new Bootstrap(settings.bootstrapReplicates(), settings.seed()));
        return new Results(suite.name(), provenance(), items, m, Gate.check(m, suite.gates()));
    }

    /** The run's provenance as reports show it. */
    Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("run", record.id());
        p.put("created", record.created().toString());
        Map<String, Object> st = new LinkedHashMap<>(record.provenance().settings());
        p.put("suite", st.remove(SUITE));
        p.put("suite_sha256", record.provenance().suiteSha256());
        p.put("constitution_sha256", record.provenance().constitutionSha256());
        p.put("models", st.remove(MODELS));
        p.put("model_sources", record.provenance().modelSpec());
        p.put("polity_version", record.provenance().polityVersion());
        st.remove(SUITE_NAME);
        st.remove(MODEL_DIR);
        st.values().removeIf(v -> v == null);
        p.put("settings", st);
        return p;
    }
}
