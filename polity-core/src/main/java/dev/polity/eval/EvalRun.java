package dev.polity.eval;

import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.Ensemble;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.model.Answer;
import dev.polity.model.AnswerRequest;
import dev.polity.model.AnswerSource;
import dev.polity.model.AnswerUnavailableException;
import dev.polity.model.CallPolicy;
import dev.polity.model.ConcurrencyLimit;
import dev.polity.model.ModelSpec;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.norms.Norm;
import dev.polity.stats.Bootstrap;
import dev.polity.store.PlannedRequest;
import dev.polity.store.Provenance;
import dev.polity.store.RunItem;
import dev.polity.store.RunRecord;
import dev.polity.store.RunStore;
import dev.polity.store.StoredAnswer;
import dev.polity.store.StoredVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 */
public final class EvalRun {
    /** Settings keys the runner adds to a run's provenance besides {@link RunSettings#asMap}. */
    static final String SUITE = "suite";
    static final String SUITE_NAME = "suite_name";
    static final String MODELS = "models";
    static final String MODEL_DIR = "model_dir";
    static final String STARTED = "started";

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
        Constitution constitution = ConstitutionLoader.load(suite.constitution());
        List<AnswerSource> sources = open(written, dir, settings);
        try {
            Map<String, Object> recorded = new LinkedHashMap<>(settings.asMap());
            recorded.put(SUITE, suite.file().toAbsolutePath().normalize().toString());
            recorded.put(SUITE_NAME, suite.name());
            recorded.put(MODELS, written);
            recorded.put(MODEL_DIR, dir.toString());
            recorded.put(STARTED, Instant.now().toString());
            Provenance provenance = new Provenance(constitution.digest(), suite.digest(),
                    String.join(" ; ", sources.stream().map(AnswerSource::name).toList()), recorded, Provenance.currentPolityVersion());
            String runId = store.createRun(provenance);
            Session s = new Session(runId, suite, constitution, written, sources, settings);
            List<PlannedRequest> plan = new ArrayList<>();
            for (Target t : s.targets.values()) {
                plan.add(s.planned(t));
            }
            store.plan(runId, plan);
            return s.execute();
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
        Recorded r = recorded(runId, suiteFile);
        if (!models.isEmpty() && models.size() != r.models.size()) {
            throw new InvalidInputException(new Location("--model", 0, 0), "run " + runId + " has " + r.models.size()
                    + " model(s) " + r.models + "; give as many --model to reach them elsewhere, in the same order");
        }
        List<AnswerSource> sources = models.isEmpty() ? open(r.models, r.modelDir, r.settings)
                : open(models, modelDir.toAbsolutePath().normalize(), r.settings);
        try {
            return new Session(runId, r.suite, r.constitution, r.models, sources, r.settings).execute();
        } finally {
            sources.forEach(AnswerSource::close);
        }
    }

    /** The results of a run, read from the store (answers judged so far) and the recorded suite. */
    public Results results(String runId) {
        return results(runId, null);
    }

    public Results results(String runId, Path suiteFile) {
        return results(recorded(runId, suiteFile));
    }

    /** The results of a run with the suite's gate thresholds overridden where {@code overrides} sets one. */
    public Results results(String runId, Path suiteFile, Thresholds overrides) {
        Recorded r = recorded(runId, suiteFile);
        Results base = results(r);
        return new Results(base.suite(), base.provenance(), base.items(), base.metrics(),
                Gate.check(base.metrics(), r.suite().gates().overriddenBy(overrides)));
    }

    /** How many items of a run are still without an answer. */
    public int unansweredCount(String runId) {
        return store.unanswered(runId).size();
    }

    // ---- what a run recorded

    /** A run as recorded: its record, suite, constitution, models (as written) and settings. */
    record Recorded(RunRecord record, Suite suite, Constitution constitution, List<String> models, Path modelDir, RunSettings settings) {
    }

    Recorded recorded(String runId, Path suiteFile) {
        RunRecord rec = store.run(runId).orElseThrow(() -> new InvalidInputException(new Location(store.location(), 0, 0),
                "no run '" + runId + "' in this store; polity eval list shows the runs"));
        Map<String, Object> st = rec.provenance().settings();
        Path file = suiteFile != null ? suiteFile : Path.of(String.valueOf(st.get(SUITE)));
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(new Location(file.toString(), 0, 0), "run " + runId
                    + " was made from this suite file, which is gone; give its new place with --suite");
        }
        Suite suite = SuiteLoader.load(file);
        if (!suite.digest().equals(rec.provenance().suiteSha256())) {
            throw new InvalidInputException(new Location(file.toString(), 0, 0), "the suite changed since run " + runId
                    + " started (SHA-256 " + abbrev(suite.digest()) + ", recorded " + abbrev(rec.provenance().suiteSha256())
                    + "); start a new run (identical requests come from the cache)");
        }
        Constitution c = ConstitutionLoader.load(suite.constitution());
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
        return new Recorded(rec, suite, c, models, dir, RunSettings.fromMap(st));
    }

    private static String abbrev(String sha) {
        return sha == null ? "none" : sha.substring(0, Math.min(12, sha.length()));
    }

    Results results(Recorded r) {
        ApplicableNormJudge resolver = new ApplicableNormJudge(r.constitution, Ensemble.builder().build(), null);
        Map<RunItem, Target> targets = targets(r.suite, r.models.size(), r.record.answers());
        Map<String, List<StoredVerdict>> byAnswer = new LinkedHashMap<>();
        for (StoredVerdict v : r.record.verdicts()) {
            byAnswer.computeIfAbsent(v.answerId(), k -> new ArrayList<>()).add(v);
        }
        Map<String, Norm> norms = r.constitution.byId();
        List<Object[]> judged = new ArrayList<>();
        for (StoredAnswer a : r.record.answers()) {
            Target t = targets.get(a.item());
            List<StoredVerdict> rows = byAnswer.getOrDefault(a.id(), List.of());
            if (t == null || !StoredJudgement.judged(rows)) {
                continue;
            }
            judged.add(new Object[] {t, StoredJudgement.decode(t.item, r.models.get(t.model), a.answer().text(), rows, norms, resolver)});
        }
        judged.sort(Comparator.comparing(o -> (Target) o[0], Target.ORDER));
        List<JudgedItem> items = judged.stream().map(o -> (JudgedItem) o[1]).toList();
        Metrics m = Metrics.of(items, new Bootstrap(r.settings.bootstrapReplicates(), r.settings.seed()));
        return new Results(r.suite.name(), provenance(r.record), items, m, Gate.check(m, r.suite.gates()));
    }

    /** A run's provenance as reports show it. */
    static Map<String, Object> provenance(RunRecord rec) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("run", rec.id());
        p.put("created", rec.created().toString());
        Map<String, Object> st = new LinkedHashMap<>(rec.provenance().settings());
        p.put("suite", st.remove(SUITE));
        p.put("suite_sha256", rec.provenance().suiteSha256());
        p.put("constitution_sha256", rec.provenance().constitutionSha256());
        p.put("models", st.remove(MODELS));
        p.put("model_sources", rec.provenance().modelSpec());
        p.put("polity_version", rec.provenance().polityVersion());
        st.remove(SUITE_NAME);
        st.remove(MODEL_DIR);
        st.values().removeIf(v -> v == null);
        p.put("settings", st);
        return p;
    }

    // ---- items of a run

    /** An item of a run for one model; {@code order} is the first turn's position in the suite's items. */
    record Target(EvalItem item, int model, int order) {
        static final Comparator<Target> ORDER = Comparator.comparingInt(Target::order).thenComparingInt(t -> t.item.turn())
                .thenComparingInt(Target::model);

        RunItem runItem() {
            return EvalRun.runItem(item, model);
        }
    }

    /**
     * How an item is keyed in the store: case, context name, and {@code probe/variant/turn#model}, where
     * model is the model's position in the run's list (the store keeps one answer per key).
     */
    static RunItem runItem(EvalItem item, int model) {
        return new RunItem(item.caseId(), item.context().name(), item.probe() + "/" + item.variant() + "/" + item.turn() + "#" + model);
    }

    /** Every item of a run: the suite's first turns for each model, and the follow-ups the stored answers lead to. */
    static Map<RunItem, Target> targets(Suite suite, int models, List<StoredAnswer> answers) {
        Map<RunItem, Target> out = new LinkedHashMap<>();
        List<EvalItem> first = suite.items();
        for (int i = 0; i < first.size(); i++) {
            for (int m = 0; m < models; m++) {
                Target t = new Target(first.get(i), m, i);
                out.putIfAbsent(t.runItem(), t);
            }
        }
        List<Probe> probes = suite.builtProbes();
        boolean grew = true;
        Set<RunItem> expanded = new HashSet<>();
        while (grew) {
            grew = false;
            for (StoredAnswer a : answers) {
                Target t = out.get(a.item());
                if (t == null || !expanded.add(a.item())) {
                    continue;
                }
                for (Target next : followUps(probes, t, a.answer().text())) {
                    grew |= out.putIfAbsent(next.runItem(), next) == null;
                }
            }
        }
        return out;
    }

    private static List<Target> followUps(List<Probe> probes, Target t, String answer) {
        List<Target> out = new ArrayList<>();
        for (Probe p : probes) {
            p.followUp(t.item, answer).ifPresent(n -> out.add(new Target(n, t.model, t.order)));
        }
        return out;
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

    // ---- one session of work on a run

    private record ToJudge(String answerId, Target target, String text) {
    }

    private static final ToJudge END = new ToJudge(null, null, null);
    private static final int JUDGE_BATCH = 64;

    private final class Session {
        final String runId;
        final Suite suite;
        final Constitution constitution;
        final List<String> models;
        final List<AnswerSource> sources;
        final RunSettings settings;
        final Map<RunItem, Target> targets;
        final List<Probe> probes;
        final ConcurrentHashMap<String, CompletableFuture<Answer>> inFlight = new ConcurrentHashMap<>();
        final AtomicInteger[] consecutiveFailures;
        final AtomicReference<String>[] down;
        final AtomicInteger fromModel = new AtomicInteger();
        final AtomicInteger fromCache = new AtomicInteger();
        final ConcurrentLinkedQueue<RunFailure> failures = new ConcurrentLinkedQueue<>();
        final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        final BlockingQueue<ToJudge> toJudge = new LinkedBlockingQueue<>();
        final ConcurrentLinkedQueue<Future<?>> asked = new ConcurrentLinkedQueue<>();
        ExecutorService pool;

        @SuppressWarnings("unchecked")
        Session(String runId, Suite suite, Constitution constitution, List<String> models, List<AnswerSource> sources, RunSettings settings) {
            this.runId = runId;
            this.suite = suite;
            this.constitution = constitution;
            this.models = models;
            this.sources = sources;
            this.settings = settings;
            this.targets = new ConcurrentHashMap<>(EvalRun.targets(suite, models.size(), store.answers(runId)));
            this.probes = suite.builtProbes();
            this.consecutiveFailures = new AtomicInteger[models.size()];
            this.down = new AtomicReference[models.size()];
            for (int m = 0; m < models.size(); m++) {
                consecutiveFailures[m] = new AtomicInteger();
                down[m] = new AtomicReference<>();
            }
        }

        PlannedRequest planned(Target t) {
            AnswerRequest r = new AnswerRequest(t.item.conversation(), settings.temperature(), settings.seed(), settings.maxTokens());
            return new PlannedRequest(t.runItem(), r.hash(sources.get(t.model).name()), r);
        }

        RunSummary execute() {
            // follow-ups of answers stored by an earlier session may not be planned yet (killed in between)
            List<PlannedRequest> followUps = new ArrayList<>();
            for (Target t : targets.values()) {
                if (t.item.turn() > 1) {
                    followUps.add(planned(t));
                }
            }
            store.plan(runId, followUps);

            List<ToJudge> unjudged = new ArrayList<>();
            Map<String, Boolean> judgedAnswers = new ConcurrentHashMap<>();
            store.verdicts(runId).forEach(v -> {
                if (v.normId().equals(StoredJudgement.ANSWER) && v.detector().equals(StoredJudgement.OVERALL)) {
                    judgedAnswers.put(v.answerId(), true);
                }
            });
            for (StoredAnswer a : store.answers(runId)) {
                Target t = targets.get(a.item());
                if (t != null && !judgedAnswers.containsKey(a.id())) {
                    unjudged.add(new ToJudge(a.id(), t, a.answer().text()));
                }
            }
            List<Target> work = new ArrayList<>();
            for (PlannedRequest p : store.unanswered(runId)) {
                Target t = targets.get(p.item());
                if (t == null) {
                    throw new IllegalStateException("run " + runId + " plans " + p.item() + ", which its suite does not make");
                }
                work.add(t);
            }
            work.sort(Target.ORDER);
            listener.planned(work.size() + unjudged.size());

            JudgePanel panel = judges.forSuite(suite, spec -> resolve(spec, suite.file().getParent(), settings.apiKeyEnv())
                    .open(env, settings.callPolicy(), new ConcurrencyLimit(settings.concurrency())));
            ApplicableNormJudge judge = new ApplicableNormJudge(constitution, panel.ensemble(), panel.refusal());
            Thread judging = new Thread(() -> judgeAll(panel, judge), "polity-judge");
            pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
                Thread th = new Thread(r, "polity-ask");
                th.setDaemon(true);
                return th;
            });
            try {
                judging.start();
                toJudge.addAll(unjudged);
                Map<RunItem, PlannedRequest> requests = new LinkedHashMap<>();
                store.unanswered(runId).forEach(p -> requests.put(p.item(), p));
                for (Target t : work) {
                    PlannedRequest p = requests.get(t.runItem());
                    submit(t, p);
                }
                Future<?> f;
                while ((f = asked.poll()) != null) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        fatal.compareAndSet(null, new IllegalStateException(e.getCause()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        fatal.compareAndSet(null, new IllegalStateException("interrupted"));
                        break;
                    }
                }
            } finally {
                pool.shutdownNow();
                toJudge.add(END);
                try {
                    judging.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                panel.close();
            }
            if (fatal.get() != null) {
                throw fatal.get();
            }
            Recorded r = new Recorded(store.run(runId).orElseThrow(), suite, constitution, models, null, settings);
            int unanswered = store.unanswered(runId).size();
            List<RunFailure> failed = new ArrayList<>(failures);
            failed.sort(Comparator.comparing(RunFailure::model).thenComparing(RunFailure::item));
            return new RunSummary(runId, targets.size(), r.record().answers().size(), fromModel.get(), fromCache.get(), unanswered,
                    failed, results(r));
        }

        void submit(Target t, PlannedRequest p) {
            asked.add(pool.submit(() -> ask(t, p)));
        }

        void ask(Target t, PlannedRequest p) {
            if (fatal.get() != null) {
                return;
            }
            String model = models.get(t.model);
            String downBecause = down[t.model].get();
            if (downBecause != null) {
                fail(new RunFailure(t.item.key(), model, "not asked: " + downBecause, true));
                return;
            }
            CompletableFuture<Answer> mine = null;
            try {
                Answer a;
                boolean cached;
                Optional<Answer> hit = store.cached(p.requestHash());
                if (hit.isPresent()) {
                    a = hit.get();
                    cached = true;
                } else {
                    mine = new CompletableFuture<>();
                    CompletableFuture<Answer> other = inFlight.putIfAbsent(p.requestHash(), mine);
                    if (other != null) {
                        mine = null;
                        try {
                            a = other.join();
                        } catch (CompletionException e) {
                            throw e.getCause() instanceof RuntimeException re ? re : e;
                        }
                        cached = true;
                    } else if ((hit = store.cached(p.requestHash())).isPresent()) {
                        // an identical request was stored between the first look and taking it in flight
                        inFlight.remove(p.requestHash(), mine);
                        mine = null;
                        a = hit.get();
                        cached = true;
                    } else {
                        try {
                            a = sources.get(t.model).answer(p.request());
                        } catch (RuntimeException e) {
                            inFlight.remove(p.requestHash());
                            mine.completeExceptionally(e);
                            mine = null;
                            throw e;
                        }
                        cached = false;
                    }
                }
                // stored (and cached) before anything judges it, and before an identical request shares it
                String id = store.storeAnswer(runId, new RunStore.NewAnswer(p.item(), p.requestHash(), p.request(), a));
                if (mine != null) {
                    mine.complete(a);
                    inFlight.remove(p.requestHash());
                }
                consecutiveFailures[t.model].set(0);
                (cached ? fromCache : fromModel).incrementAndGet();
                listener.answered(t.item, cached);
                toJudge.add(new ToJudge(id, t, a.text()));
                List<Target> next = followUps(probes, t, a.text());
                if (!next.isEmpty()) {
                    List<PlannedRequest> plan = new ArrayList<>();
                    for (Target n : next) {
                        if (targets.putIfAbsent(n.runItem(), n) == null) {
                            plan.add(planned(n));
                        }
                    }
                    store.plan(runId, plan);
                    listener.planned(plan.size());
                    for (PlannedRequest np : plan) {
                        submit(targets.get(np.item()), np);
                    }
                }
            } catch (AnswerUnavailableException e) {
                if (e.isTransient() && consecutiveFailures[t.model].incrementAndGet() >= settings.maxConsecutiveFailures()) {
                    down[t.model].compareAndSet(null, model + " failed " + settings.maxConsecutiveFailures()
                            + " requests in a row (last: " + e.getMessage() + ")");
                }
                fail(new RunFailure(t.item.key(), model, e.getMessage(), e.isTransient()));
            } catch (InvalidInputException e) {
                fail(new RunFailure(t.item.key(), model, e.oneLine(), false));
            } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
            } finally {
                if (mine != null && !mine.isDone()) {
                    // whoever waits for this request must not wait for ever when storing it failed
                    inFlight.remove(p.requestHash());
                    mine.completeExceptionally(new IllegalStateException("the answer to an identical request could not be stored"));
                }
            }
        }

        void fail(RunFailure f) {
            failures.add(f);
            listener.failed(f);
        }

        void judgeAll(JudgePanel panel, ApplicableNormJudge judge) {
            List<ToJudge> batch = new ArrayList<>();
            boolean ended = false;
            while (!ended) {
                batch.clear();
                try {
                    batch.add(toJudge.take());
                } catch (InterruptedException e) {
                    return;
                }
                toJudge.drainTo(batch, JUDGE_BATCH - 1);
                ended = batch.remove(END);
                if (batch.isEmpty() || fatal.get() != null) {
                    continue;
                }
                try {
                    panel.warm(batch.stream().map(ToJudge::text).toList());
                    List<StoredVerdict> rows = new ArrayList<>();
                    List<EvalItem> done = new ArrayList<>();
                    for (ToJudge j : batch) {
                        JudgedItem ji = judge.judge(j.target.item, models.get(j.target.model), j.text, suite.requestOf(j.target.item));
                        rows.addAll(StoredJudgement.encode(j.answerId, ji));
                        done.add(j.target.item);
                    }
                    store.storeVerdicts(rows);
                    done.forEach(listener::judged);
                } catch (RuntimeException e) {
                    fatal.compareAndSet(null, e);
                }
            }
        }
    }
}
