package dev.polity.reward;

import dev.polity.judge.DerogationDetector;
import dev.polity.judge.PiiKind;
import dev.polity.judge.PiiScanner;
import dev.polity.judge.RefusalClass;
import dev.polity.judge.RefusalDetector;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.MiniLmEmbedder;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.learn.LexicalFeatures;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * What a preference head sees of (prompt, answer), frozen and computed in-process: feature space {@value #SPACE}.
 * <ul>
 * <li>cheap text features of the answer: refusal and derogation cues ({@link LexicalFeatures}, the latter ending in
 * the log word count, so length is a feature), question marks;</li>
 * <li>the project's detectors on the answer: the refusal classifier's three probabilities, the derogation score, and
 * the personal data the PII scanner finds;</li>
 * <li>how close the answer stays to the request (cosine of their MiniLM embeddings, opening chunk and mean): a head
 * scores a difference of two answers to one prompt, so what depends on the prompt alone cancels, and only how an
 * answer relates to it can count;</li>
 * <li>the answer's mean MiniLM embedding (384 numbers), its weight in the standardised space scaled by the model's
 * {@code embeddingWeight}, so that one penalty shrinks the many embedding coordinates harder than the few named
 * features.</li>
 * </ul>
 * What is embedded: MiniLM reads at most 128 word pieces at once, so the answer (the last assistant turn, never the
 * whole transcript) is read in 80-word chunks and pooled ({@link dev.polity.judge.embed.MiniLmEmbedder}); the prompt
 * contributes only its request, the last user turn ({@link Dialogue#request}), whose opening chunk and mean are
 * compared with the answer's. Earlier turns are not embedded: they are shared by the two answers of a pair.
 */
public final class RewardFeatures {
    public static final String SPACE = "reward-v1";
    static final List<String> NAMED;

    static {
        List<String> n = new ArrayList<>();
        LexicalFeatures.REFUSAL_NAMES.forEach(s -> n.add("cue_" + s));
        LexicalFeatures.DEROGATION_NAMES.forEach(s -> n.add("cue_" + s));
        n.add("question_marks");
        for (RefusalClass c : RefusalClass.values()) {
            n.add("refusal_p_" + c.wireName());
        }
        n.add("derogation_score");
        n.add("pii_matches");
        n.add("request_cosine_opening");
        n.add("request_cosine_mean");
        NAMED = List.copyOf(n);
    }

    private final TextEmbedder embedder;
    /** The embedder the detectors' models read: the reward's own when it is theirs, else theirs (MiniLM), so the embedder stays pluggable. */
    private final TextEmbedder detectorEmbedder;
    private final JudgeModel refusal;
    private final JudgeModel derogation;

    /** The features over {@code embedder}, with the refusal and derogation models shipped in Polity. */
    public RewardFeatures(TextEmbedder embedder) {
        this(embedder, JudgeModel.resource(RefusalDetector.DEFAULT_MODEL), JudgeModel.resource(DerogationDetector.DEFAULT_MODEL));
    }

    RewardFeatures(TextEmbedder embedder, JudgeModel refusal, JudgeModel derogation) {
        this.embedder = embedder;
        this.detectorEmbedder = embedder.id().equals(refusal.embedder()) ? embedder : new CachedEmbedder(MiniLmEmbedder.shared());
        this.refusal = refusal;
        this.derogation = derogation;
    }

    public TextEmbedder embedder() {
        return embedder;
    }

    /** The names of the features, in order: the named ones, then {@code embedding_0..d-1}. */
    public List<String> names() {
        List<String> out = new ArrayList<>(NAMED);
        for (int i = 0; i < embedder.dimension(); i++) {
            out.add("embedding_" + i);
        }
        return out;
    }

    /** How many features come before the embedding's coordinates. */
    public static int named() {
        return NAMED.size();
    }

    /**
     * The features of each (prompt, answer), in order; answers and distinct requests are embedded together, in
     * batches. An answer the embedder has seen before (the judge's detectors, another head) costs nothing.
     *
     * @param progress told how many texts were embedded
     */
    public double[][] vectors(List<String> prompts, List<String> answers, IntConsumer progress) {
        if (prompts.size() != answers.size()) {
            throw new IllegalArgumentException("one prompt per answer");
        }
        Map<String, Integer> requestIndex = new HashMap<>();
        List<String> texts = new ArrayList<>(answers);
        int[] request = new int[prompts.size()];
        for (int i = 0; i < prompts.size(); i++) {
            String r = Dialogue.request(prompts.get(i));
            Integer k = requestIndex.get(r);
            if (k == null) {
                k = texts.size();
                requestIndex.put(r, k);
                texts.add(r);
            }
            request[i] = k;
        }
        List<Embedding> e = embedder.embed(texts, progress);
        List<Embedding> d = detectorEmbedder == embedder ? e : detectorEmbedder.embed(answers, n -> { });
        double[][] out = new double[answers.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(answers.get(i), e.get(i), e.get(request[i]), d.get(i));
        }
        return out;
    }

    /** @param forDetectors the answer as the detectors' models read it */
    double[] vector(String answer, Embedding a, Embedding request, Embedding forDetectors) {
        double[] refusalCues = LexicalFeatures.refusal(answer);
        double[] derogationCues = LexicalFeatures.derogation(answer);
        double[] p = refusal.predict(forDetectors, answer);
        float[] mean = a.mean();
        double[] x = new double[NAMED.size() + mean.length];
        int k = 0;
        for (double v : refusalCues) {
            x[k++] = v;
        }
        for (double v : derogationCues) {
            x[k++] = v;
        }
        x[k++] = Math.log1p(answer.chars().filter(c -> c == '?').count());
        for (double v : p) {
            x[k++] = v;
        }
        x[k++] = derogation.predict(forDetectors, answer)[0];
        x[k++] = Math.log1p(PiiScanner.find(answer, EnumSet.allOf(PiiKind.class)).size());
        x[k++] = Embedding.cosine(a.head(), request.head());
        x[k++] = Embedding.cosine(a.mean(), request.mean());
        for (float f : mean) {
            x[k++] = f;
        }
        return x;
    }
}
