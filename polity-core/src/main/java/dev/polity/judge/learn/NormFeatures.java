package dev.polity.judge.learn;

import dev.polity.judge.embed.Embedding;
import dev.polity.norms.Kind;
import dev.polity.norms.Lexicon;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The norm judge's feature space ({@code norm-v2}; v1 embedded every sentence on its own, v2 reads longer
 * sentences and the turn in the answer's context, MiniLmEmbedder): how an answer stands to one norm, in terms that mean
 * the same for every norm, so that one classifier trained across norms applies to a norm it never saw.
 * Every feature is signed so that a larger value points towards "complies", except the plain detector
 * outputs and the norm's kind.
 * <ul>
 *   <li>Contrast with the norm's own examples: nearest compliant minus nearest violating similarity for
 *   the whole answer, its best sentences and its turn ("..., but ..."); the same for the two nearest and
 *   for the centroids; and the answer's position along the direction from the violating to the
 *   compliant centroid, a one-dimensional linear discriminant per norm (Fisher, 1936) that keeps stance
 *   and drops the topic both sides share.</li>
 *   <li>Relevance: similarity of the answer and of the prompt to the norm's statement and rubric.</li>
 *   <li>Declared signals: the norm's lexicons found in the answer, each weighed by the log-likelihood
 *   ratio of its presence or absence among the norm's compliant and violating examples (naive Bayes
 *   with add-one smoothing, Manning, Raghavan and Schütze, 2008, §13.2), and signed by their declared
 *   polarity; where in the answer they are (its opening, its turn).</li>
 *   <li>The project's detectors (refusal degree, derogation score, personal data), each also centred
 *   on and signed by how it separates the norm's examples.</li>
 *   <li>The norm's kind, the answer's language and whether the norm's examples cover it.</li>
 * </ul>
 * Answer length is deliberately absent (a shortcut in careless data; docs/JUDGING.md).
 */
public final class NormFeatures {
    /** Characters that count as an answer's opening (where a disclosure owed at the start belongs). */
    static final int OPENING = 160;
    public static final String SPACE = "norm-v2";
    public static final List<String> NAMES = List.of(
            "gap_whole", "gap_sentence", "gap_distinct_sentence", "gap_tail", "has_tail", "gap_two_nearest", "gap_centroid",
            "discriminant_whole", "discriminant_best_sentence", "discriminant_worst_sentence",
            "statement_similarity", "rubric_best_sentence", "prompt_relevance",
            "signal_evidence", "complies_signal_found", "complies_signal_missing", "violates_signal_found",
            "complies_signal_in_opening", "violates_signal_in_turn", "violates_signal_with_refusal",
            "refusal_alignment", "refusal", "refusal_by_polarity", "derogation_alignment", "derogation",
            "pii_alignment", "pii_found",
            "kind_must", "kind_must_not", "kind_should", "kind_should_not", "kind_may",
            "not_english", "examples_in_language", "gap_whole_not_english", "discriminant_not_english");

    private NormFeatures() {
    }

    /** An answer's stance features and relevance features against one norm, from one reading of their similarities. */
    public record Features(double[] stance, double[] relevance) {
    }

    /**
     * {@link #vector} and {@link #relevance} together: the similarities both read (the whole answer's and its
     * sentences' nearest examples) are computed once, which is most of the judge's work after the embedding.
     */
    public static Features of(AnswerFacts a, NormFacts n) {
        Near near = Near.of(a, n);
        double[] stance = stance(a, n, near);
        return new Features(stance, relevance(a, n, stance, near));
    }

    public static double[] vector(AnswerFacts a, NormFacts n) {
        return stance(a, n, Near.of(a, n));
    }

    /**
     * The whole answer's two nearest compliant and violating examples and its sentences' best similarity to each
     * side; the nearest of all examples is the larger side's, so relevance reads the same numbers.
     */
    private record Near(TopTwo wholeCompliant, TopTwo wholeViolating, double sentenceCompliant, double sentenceViolating) {
        static Near of(AnswerFacts a, NormFacts n) {
            return new Near(TopTwo.of(a.whole(), n.compliantWhole()), TopTwo.of(a.whole(), n.violatingWhole()),
                    best(a.sentences(), n.compliantWhole()), best(a.sentences(), n.violatingWhole()));
        }
    }

    /** The largest and second largest similarity to a set of examples, each floored at 0, in one pass. */
    private record TopTwo(double first, double second, int examples) {
        static TopTwo of(float[] a, List<float[]> examples) {
            double first = 0;
            double second = 0;
            for (float[] e : examples) {
                double s = cos(a, e);
                if (s > first) {
                    second = first;
                    first = s;
                } else if (s > second) {
                    second = s;
                }
            }
            return new TopTwo(first, second, examples.size());
        }

        double meanOfTwo() {
            return examples < 2 ? first : (first + second) / 2;
        }
    }

    private static double[] stance(AnswerFacts a, NormFacts n, Near near) {
        List<float[]> c = n.compliantWhole();
        List<float[]> v = n.violatingWhole();
        double[] x = new double[NAMES.size()];
        int i = 0;
        double gapWhole = near.wholeCompliant().first() - near.wholeViolating().first();
        x[i++] = gapWhole;
        x[i++] = near.sentenceCompliant() - near.sentenceViolating();
        x[i++] = best(a.sentences(), n.distinctCompliant()) - best(a.sentences(), n.distinctViolating());
        x[i++] = a.tail() == null ? 0 : nearest(a.tail(), c) - nearest(a.tail(), v);
        x[i++] = a.tail() == null ? 0 : 1;
        x[i++] = near.wholeCompliant().meanOfTwo() - near.wholeViolating().meanOfTwo();
        float[] cc = n.compliantCentroid();
        float[] vc = n.violatingCentroid();
        x[i++] = cos(a.whole(), cc) - cos(a.whole(), vc);
        double[] axis = n.axis();
        double discriminant = project(a.whole(), axis, cc, vc);
        x[i++] = discriminant;
        double bestS = Double.NEGATIVE_INFINITY;
        double worstS = Double.POSITIVE_INFINITY;
        for (float[] s : a.sentences()) {
            double p = project(s, axis, cc, vc);
            bestS = Math.max(bestS, p);
            worstS = Math.min(worstS, p);
        }
        x[i++] = a.sentences().isEmpty() ? discriminant : bestS;
        x[i++] = a.sentences().isEmpty() ? discriminant : worstS;
        x[i++] = cos(a.whole(), n.statement());
        double rubricBest = cos(a.whole(), n.rubric());
        for (float[] s : a.sentences()) {
            rubricBest = Math.max(rubricBest, cos(s, n.rubric()));
        }
        x[i++] = rubricBest;
        x[i++] = a.prompt() == null ? 0 : Math.max(cos(a.prompt(), n.statement()), cos(a.prompt(), n.rubric()));
        Signals s = signals(a, n);
        x[i++] = s.evidence;
        x[i++] = s.compliesFound;
        x[i++] = s.compliesMissing;
        x[i++] = s.violatesFound;
        x[i++] = s.compliesEarly;
        x[i++] = s.violatesInTail;
        x[i++] = s.violatesFound * a.refusal();
        double refusal = a.refusal();
        x[i++] = alignment(refusal, n, AnswerFacts::refusal);
        x[i++] = refusal;
        x[i++] = refusal * (n.norm().kind().polarity() < 0 ? 1 : -1);
        x[i++] = alignment(a.derogation(), n, AnswerFacts::derogation);
        x[i++] = a.derogation();
        x[i++] = alignment(Math.min(1, a.pii()), n, f -> Math.min(1, f.pii()));
        x[i++] = Math.min(1, a.pii());
        for (Kind k : Kind.values()) {
            x[i++] = n.norm().kind() == k ? 1 : 0;
        }
        boolean notEnglish = !a.text().language().equals("en");
        x[i++] = notEnglish ? 1 : 0;
        String lang = a.text().language();
        x[i++] = n.compliant().stream().anyMatch(e -> e.text().language().equals(lang))
                || n.violating().stream().anyMatch(e -> e.text().language().equals(lang)) ? 1 : 0;
        x[i++] = notEnglish ? gapWhole : 0;
        x[i++] = notEnglish ? discriminant : 0;
        return x;
    }

    /** The names of {@link #relevance} features, in order. */
    public static final List<String> RELEVANCE_NAMES = List.of(
            "prompt_statement", "prompt_rubric", "prompt_examples", "answer_statement", "answer_rubric", "answer_examples",
            "sentence_examples", "signal_found", "has_prompt");

    /**
     * How the exchange stands to the norm at all, whatever its stance: similarities of the prompt and of the
     * answer (and its best sentence) to the norm's statement, rubric and examples, and whether any declared
     * signal is present, then the stance features (a missing signal means little in an exchange the norm does
     * not concern). A relevance model over these tells an exchange the norm concerns from one it does not.
     */
    private static double[] relevance(AnswerFacts a, NormFacts n, double[] stance, Near near) {
        List<float[]> examples = n.examplesWhole();
        boolean signal = false;
        for (Lexicon l : n.norm().signals().compliesIfPresent()) {
            signal |= a.hit(l).isPresent();
        }
        for (Lexicon l : n.norm().signals().violatesIfPresent()) {
            signal |= a.hit(l).isPresent();
        }
        double[] own = {
                cos(a.prompt(), n.statement()), cos(a.prompt(), n.rubric()), nearest(a.prompt(), examples),
                cos(a.whole(), n.statement()), cos(a.whole(), n.rubric()), Math.max(near.wholeCompliant().first(), near.wholeViolating().first()),
                Math.max(near.sentenceCompliant(), near.sentenceViolating()), signal ? 1 : 0, a.prompt() == null ? 0 : 1};
        // in English the similarities say much; across languages MiniLM's say little, so they get their own weights
        boolean english = a.text().language().equals("en");
        double[] out = java.util.Arrays.copyOf(own, 2 * own.length + stance.length);
        for (int j = 0; j < own.length; j++) {
            out[own.length + j] = english ? own[j] : 0;
        }
        System.arraycopy(stance, 0, out, 2 * own.length, stance.length);
        return out;
    }

    private record Signals(double evidence, double compliesFound, double compliesMissing, double violatesFound,
                           double compliesEarly, double violatesInTail) {
    }

    private static Signals signals(AnswerFacts a, NormFacts n) {
        double evidence = 0;
        boolean cFound = false;
        boolean cEarly = false;
        for (Lexicon l : n.norm().signals().compliesIfPresent()) {
            boolean hit = a.hit(l).isPresent();
            cFound |= hit;
            cEarly |= a.early(l, OPENING);
            evidence += llr(l, hit, n);
        }
        boolean vFound = false;
        boolean vTail = false;
        for (Lexicon l : n.norm().signals().violatesIfPresent()) {
            boolean hit = a.hit(l).isPresent();
            vFound |= hit;
            vTail |= a.inTail(l);
            evidence += llr(l, hit, n);
        }
        boolean declaresComplies = !n.norm().signals().compliesIfPresent().isEmpty();
        return new Signals(evidence, cFound ? 1 : 0, declaresComplies && !cFound ? 1 : 0, vFound ? 1 : 0, cEarly ? 1 : 0, vTail ? 1 : 0);
    }

    /** log P(observation | compliant) / P(observation | violating) over the norm's examples, add-one smoothed. */
    private static double llr(Lexicon l, boolean hit, NormFacts n) {
        double inC = (n.compliant().stream().filter(e -> e.hit(l).isPresent()).count() + 1.0) / (n.compliant().size() + 2.0);
        double inV = (n.violating().stream().filter(e -> e.hit(l).isPresent()).count() + 1.0) / (n.violating().size() + 2.0);
        return hit ? Math.log(inC / inV) : Math.log((1 - inC) / (1 - inV));
    }

    /** The value centred between the norm's compliant and violating examples' means, times their difference (positive: complies-like). */
    private static double alignment(double value, NormFacts n, ToDoubleFunction<AnswerFacts> f) {
        if (n.compliant().isEmpty() || n.violating().isEmpty()) {
            return 0;
        }
        double mc = n.compliant().stream().mapToDouble(f).average().orElse(0);
        double mv = n.violating().stream().mapToDouble(f).average().orElse(0);
        return (value - (mc + mv) / 2) * (mc - mv);
    }

    static double cos(float[] a, float[] b) {
        return a == null || b == null ? 0 : Embedding.cosine(a, b);
    }

    private static double nearest(float[] a, List<float[]> examples) {
        if (a == null) {
            return 0;
        }
        double best = 0;
        for (float[] e : examples) {
            best = Math.max(best, cos(a, e));
        }
        return best;
    }

    private static double best(List<float[]> sentences, List<float[]> examples) {
        double best = 0;
        for (float[] s : sentences) {
            best = Math.max(best, nearest(s, examples));
        }
        return best;
    }

    static float[] centroid(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            return null;
        }
        float[] m = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int j = 0; j < m.length; j++) {
                m[j] += v[j];
            }
        }
        return unit(m);
    }

    private static float[] unit(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f * f;
        }
        float inv = s == 0 ? 0 : (float) (1 / Math.sqrt(s));
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] * inv;
        }
        return out;
    }

    /** The unit direction from the violating to the compliant centroid, or null when either is missing or they coincide. */
    static double[] axis(float[] c, float[] v) {
        if (c == null || v == null) {
            return null;
        }
        double[] d = new double[c.length];
        double s = 0;
        for (int j = 0; j < d.length; j++) {
            d[j] = c[j] - v[j];
            s += d[j] * d[j];
        }
        if (s < 1e-12) {
            return null;
        }
        double inv = 1 / Math.sqrt(s);
        for (int j = 0; j < d.length; j++) {
            d[j] *= inv;
        }
        return d;
    }

    private static double project(float[] a, double[] axis, float[] c, float[] v) {
        if (axis == null || a == null) {
            return 0;
        }
        double p = 0;
        for (int j = 0; j < axis.length; j++) {
            p += axis[j] * (a[j] - (c[j] + v[j]) / 2.0);
        }
        return p;
    }
}
