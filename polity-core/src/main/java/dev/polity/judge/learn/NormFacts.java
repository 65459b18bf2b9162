package dev.polity.judge.learn;

import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.List;

/**
 * What the norm judge reads from one norm, once per constitution: unit embeddings of its statement and
 * of the rubric of the check being decided, the facts of its compliant and violating examples (read as
 * answers, so that each signal can be weighed by how it separates this norm's own examples), and each
 * side's distinctive sentences: those of its examples that no example of the other side nearly repeats,
 * where contrastive examples say what sets them apart. What every answer is compared with is worked out
 * here once: each side's whole-example embeddings, both together, the sides' centroids and the axis
 * from the violating to the compliant centroid (null when a side is missing or they coincide).
 */
public record NormFacts(Norm norm, float[] statement, float[] rubric, List<AnswerFacts> compliant, List<AnswerFacts> violating,
                        List<float[]> distinctCompliant, List<float[]> distinctViolating,
                        List<float[]> compliantWhole, List<float[]> violatingWhole, List<float[]> examplesWhole,
                        float[] compliantCentroid, float[] violatingCentroid, double[] axis) {
    /** Sentences at least this similar to one on the other side are shared wording, not what sets a side apart. */
    static final double SHARED = 0.9;

    public NormFacts {
        compliant = List.copyOf(compliant);
        violating = List.copyOf(violating);
        distinctCompliant = List.copyOf(distinctCompliant);
        distinctViolating = List.copyOf(distinctViolating);
        compliantWhole = List.copyOf(compliantWhole);
        violatingWhole = List.copyOf(violatingWhole);
        examplesWhole = List.copyOf(examplesWhole);
    }

    public static NormFacts of(Norm norm, float[] statement, float[] rubric, List<AnswerFacts> compliant, List<AnswerFacts> violating) {
        List<float[]> c = sentences(compliant);
        List<float[]> v = sentences(violating);
        List<float[]> cw = whole(compliant);
        List<float[]> vw = whole(violating);
        List<float[]> both = new ArrayList<>(cw);
        both.addAll(vw);
        float[] cc = NormFeatures.centroid(cw);
        float[] vc = NormFeatures.centroid(vw);
        return new NormFacts(norm, statement, rubric, compliant, violating, distinct(c, v), distinct(v, c), cw, vw, both, cc, vc,
                NormFeatures.axis(cc, vc));
    }

    private static List<float[]> whole(List<AnswerFacts> examples) {
        List<float[]> out = new ArrayList<>(examples.size());
        examples.forEach(e -> out.add(e.whole()));
        return out;
    }

    /** The same norm without one of its examples (an example used as a training item must not vote for itself). */
    public NormFacts without(AnswerFacts example) {
        return of(norm, statement, rubric, compliant.stream().filter(e -> e != example).toList(),
                violating.stream().filter(e -> e != example).toList());
    }

    private static List<float[]> sentences(List<AnswerFacts> examples) {
        List<float[]> out = new ArrayList<>();
        examples.forEach(e -> out.addAll(e.sentences()));
        return out;
    }

    private static List<float[]> distinct(List<float[]> side, List<float[]> other) {
        List<float[]> out = new ArrayList<>();
        for (float[] s : side) {
            double nearest = 0;
            for (float[] o : other) {
                nearest = Math.max(nearest, NormFeatures.cos(s, o));
            }
            if (nearest < SHARED) {
                out.add(s);
            }
        }
        return out;
    }
}
