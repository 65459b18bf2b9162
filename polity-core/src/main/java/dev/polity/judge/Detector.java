package dev.polity.judge;

import dev.polity.norms.Check;
import dev.polity.norms.Norm;

/**
 * Judges an answer against one norm as one of the norm's {@code checks} asks. Implementations are
 * thread-safe and side-effect free; those that need a model load it once when they are built.
 *
 * <p>Extension point: a detector that calls out (an LLM judge over HTTP, say) implements this
 * interface, returns {@link Outcome#UNCERTAIN} when it cannot decide (a timeout, unparseable output),
 * and is registered by its name with {@link Ensemble.Builder#add(Detector)}; a norm selects it with
 * {@code checks: [{detector: <name>, ...}]}.
 */
public interface Detector {

    /** The name a norm's {@code checks} use to select this detector. */
    String name();

    /**
     * @param answer the answer (and its prompt, when known)
     * @param norm   the norm it is judged against; its statement and examples are available
     * @param check  the check of {@code norm} that selected this detector, with its parameters
     */
    Verdict judge(Answer answer, Norm norm, Check check);

    /**
     * The check parameters this detector reads, so that lint can flag a misspelt or unsupported one; null
     * when the detector does not declare them. {@link Ensemble#COMMON_PARAMETERS} are valid for every detector.
     */
    default java.util.Set<String> parameters() {
        return null;
    }
}
