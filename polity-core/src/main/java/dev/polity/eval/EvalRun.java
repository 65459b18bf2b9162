package dev.polity.eval;

import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.model.AnswerSource;
import dev.polity.model.AnswerUnavailableException;
import dev.polity.model.CallPolicy;
import dev.polity.model.ConcurrencyLimit;
import dev.polity.model.ModelSpec;
import dev.polity.norms.Constitution;
import dev.polity.store.Provenance;
import dev.polity.store.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An evaluation run: asks the models every item of a suite, stores each answer before judging it, judges
 * it against the norms that apply in its context, and reads the results back from the store.
 *
 * <p>Everything a run needs to continue is in the store: its provenance (the suite file, its and the
 * constitution's SHA-256, the models, the settings), the plan (every item with its request), the answers and
 * the verdicts. {@link #resume} asks only what has no stored answer yet and judges only what has no stored
 * verdict, so a killed run neither loses nor repeats work. Identical requests (same model, same canonical
 * request) are asked once: from the store's cache across runs, and within a run by sharing the one in flight.
 *
 * <p>Models are asked by {@code concurrency} threads; answers are judged by one thread in batches (the
 * embedding detectors embed a batch at once), while the models keep answering. A model failure
 * ({@link AnswerUnavailableException} after the call policy's retries) costs only its item, which stays
 * unanswered for {@code resume}; a model that fails {@code maxConsecutiveFailures} transient requests in a
 * row is not asked again in this session.
 *
 * <p>This class opens the models and records a run; the work is done in package-private rooms, one
 * concern each: {@link RunPlan} (which items exist), {@link RunSession} (one session of work),
 * {@link AnswerScheduler} with {@link SharedRequests} and {@link FailureStreaks} (asking), {@link JudgingWorker}
 * (judging) and {@link RecordedRun} (reading a run and its results back).
 */
public final class EvalRun {
    /** Builds the judge for a suite; {@code judgeModels} opens the LLM judge's model from its spec. */
    @FunctionalInterface
    public interface Judges {
        JudgePanel forSuite(Suite suite, Function<String, AnswerSource> judgeModels);
    }

    private final RunStore store;
    private final Judges judges;
    private final RunListener listener;
    private final Function<String, String> env;

    /**
     * @param env looks up environment variables (the API keys of {@code openai:} models)
     */
    public EvalRun(RunStore store, Judges judges, RunListener listener, Function<String, String> env) {
        this.store = store;
        this.judges = judges;
        this.listener = listener == null ? RunListener.SILENT : listener;
        this.env = env;
    }

    /** A runner with the standard judges (MiniLM embeddings cached in the default folder) and the process environment. */
    public static EvalRun standard(RunStore store, RunListener listener) {
        return new EvalRun(store, standardJudges(CachedEmbedder::miniLm), listener, System::getenv);
    }

    /** The panel each suite asks for, its embedding detectors on one embedder made when first needed. */
    public static Judges standardJudges(Supplier<TextEmbedder> embedder) {
        TextEmbedder[] made = new TextEmbedder[1];
        Supplier<TextEmbedder> once = () -> {
            synchronized (made) {
                if (made[0] == null) {
                    made[0] = embedder.get();
                }
                return made[0];
            }
        };
        return (suite, judgeModels) -> JudgePanel.forSuite(suite, once, judgeModels);
    }

    // ---- starting and resuming

    /**
     * Starts a run of {@code suite}.
     *
     * @param models   model specs; empty: the suite's own {@code models}
     * @param modelDir the folder relative replay files in {@code models} are resolved against (the suite's for its own)
     */
    public RunSummary start(Suite suite, List<String> models, Path modelDir, RunSettings settings) {
        List<String> written = models.isEmpty() ? suite.models() : List.copyOf(models);
        Path dir = (models.isEmpty() ? suite.file().getParent() : modelDir).toAbsolutePath().normalize();
        if (written.isEmpty()) {
            throw new InvalidInputException(new Location(suite.file().toString(), 0, 0),
                    "no model to evaluate: list one under models: or give --model SPEC");
        }
        if (new HashSet<>(written).size() != written.size()) {
            throw new InvalidInputException(new Location("--model", 0, 0), "a model is named twice: " + written);
        }
        Constitution constitution = SuiteLoader.constitution(suite);
        List<AnswerSource> sources = open(written, dir, settings);
        try {
            Map<String, Object> recorded = new LinkedHashMap<>(settings.asMap());
            recorded.put(RecordedRun.SUITE, suite.file().toAbsolutePath().normalize().toString());
            recorded.put(RecordedRun.SUITE_NAME, suite.name());
            recorded.put(RecordedRun.MODELS, written);
            recorded.put(RecordedRun.MODEL_DIR, dir.toString());
            recorded.put(RecordedRun.STARTED, store.clock().instant().toString());
            recorded.put(RecordedRun.EVALUATION_DATE, suite.evaluationDate().toString());
            Provenance provenance = new Provenance(constitution.digest(), suite.digest(),
                    String.join(" ; ", sources.stream().map(AnswerSource::name).toList()), recorded, Provenance.currentPolityVersion());
            String runId = store.createRun(provenance);
            return session(runId, suite, constitution, written, sources, settings).execute();
        } finally {
            sources.forEach(AnswerSource::close);
        }
    }

    /** Continues a run from the store: asks what is unanswered, judges what is unjudged. */
    public RunSummary resume(String runId) {
        return resume(runId, null);
    }

    /**
     * Continues a run, reading its suite from {@code suiteFile} instead of the recorded path (when it moved);
     * the file must still have the recorded SHA-256.
     */
    public RunSummary resume(String runId, Path suiteFile) {
        return resume(runId, suiteFile, List.of(), null);
    }

    /**
     * Continues a run with its models reached elsewhere (an endpoint that moved): {@code models} replaces the
     * recorded specs one for one, relative replay files under {@code modelDir}. Items keep their recorded
     * requests and request hashes; reports still name the models as recorded.
     */
    public RunSummary resume(String runId, Path suiteFile, List<String> models, Path modelDir) {
        RecordedRun r = RecordedRun.read(store, runId, suiteFile);
        if (!models.isEmpty() && models.size() != r.models().size()) {
            throw new InvalidInputException(new Location("--model", 0, 0), "run " + runId + " has " + r.models().size()
                    + " model(s) " + r.models() + "; give as many --model to reach them elsewhere, in the same order");
        }
        List<AnswerSource> sources = models.isEmpty() ? open(r.models(), r.modelDir(), r.settings())
                : open(models, modelDir.toAbsolutePath().normalize(), r.settings());
        try {
            return session(runId, r.suite(), r.constitution(), r.models(), sources, r.settings()).execute();
        } finally {
            sources.forEach(AnswerSource::close);
        }
    }

    /** The results of a run, read from the store (answers judged so far) and the recorded suite. */
    public Results results(String runId) {
        return results(runId, null);
    }

    public Results results(String runId, Path suiteFile) {
        return RecordedRun.read(store, runId, suiteFile).results();
    }

    /** The results of a run with the suite's gate thresholds overridden where {@code overrides} sets one. */
    public Results results(String runId, Path suiteFile, Thresholds overrides) {
        RecordedRun r = RecordedRun.read(store, runId, suiteFile);
        Results base = r.results();
        return new Results(base.suite(), base.provenance(), base.items(), base.metrics(),
                Gate.check(base.metrics(), r.suite().gates().overriddenBy(overrides)));
    }

    /** How many items of a run are still without an answer. */
    public int unansweredCount(String runId) {
        return store.unanswered(runId).size();
    }

    private RunSession session(String runId, Suite suite, Constitution constitution, List<String> models, List<AnswerSource> sources,
                               RunSettings settings) {
        Function<String, AnswerSource> judgeModel = spec -> resolve(spec, suite.file().getParent(), settings.apiKeyEnv())
                .open(env, settings.callPolicy(), new ConcurrencyLimit(settings.concurrency()));
        return new RunSession(store, runId, suite, constitution, models, sources, settings, judges, judgeModel, listener);
    }

    // ---- models

    /** Parses a spec as written, with relative replay files under {@code dir} and the key variable overridden. */
    static ModelSpec resolve(String written, Path dir, String apiKeyEnv) {
        ModelSpec s = ModelSpec.parse(written);
        if (s instanceof ModelSpec.Replay r && !r.file().isAbsolute()) {
            s = new ModelSpec.Replay(dir.resolve(r.file()).normalize(), r.mapping());
        }
        if (s instanceof ModelSpec.OpenAi o && apiKeyEnv != null) {
            s = o.withKeyEnv(apiKeyEnv);
        }
        return s;
    }

    private AnswerSource open(String written, Path dir, RunSettings settings) {
        ModelSpec spec = resolve(written, dir, settings.apiKeyEnv());
        CallPolicy p = spec.policy(settings.callPolicy());
        AnswerSource src = spec.open(env, p, new ConcurrencyLimit(p.concurrency()));
        return spec instanceof ModelSpec.Replay ? new ReplayByItem(src) : src;
    }

    private List<AnswerSource> open(List<String> written, Path dir, RunSettings settings) {
        List<AnswerSource> out = new ArrayList<>();
        try {
            for (String w : written) {
                out.add(open(w, dir, settings));
            }
        } catch (RuntimeException e) {
            out.forEach(AnswerSource::close);
            throw e;
        }
        return out;
    }
}
