package dev.polity.judge.learn;

import dev.polity.norms.Norm;
import java.util.List;

/**
 * What the norm judge reads from one norm, once per constitution: unit embeddings of its statement and
 * of the rubric of the check being decided, and the facts of its compliant and violating examples (read
 * as answers, so that each signal can be weighed by how it separates this norm's own examples).
 */
public record NormFacts(Norm norm, float[] statement, float[] rubric, List<AnswerFacts> compliant, List<AnswerFacts> violating) {
    public NormFacts {
        compliant = List.copyOf(compliant);
        violating = List.copyOf(violating);
    }

    /** The same norm without one of its examples (an example used as a training item must not vote for itself). */
    public NormFacts without(AnswerFacts example) {
        return new NormFacts(norm, statement, rubric, compliant.stream().filter(e -> e != example).toList(),
                violating.stream().filter(e -> e != example).toList());
    }
}
