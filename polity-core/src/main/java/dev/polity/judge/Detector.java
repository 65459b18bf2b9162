package dev.polity.judge;

import dev.polity.norms.Check;
import dev.polity.norms.Norm;

/**
 * Judges an answer against one norm as one of the norm's {@code checks} asks. Implementations are
 * thread-safe and side-effect free; those that need a model load it once when they are built.
 *
 * <p>Extension point: a new detector is one class implementing this interface, with a
 * {@code static final PluginInfo INFO} (its name, one line on what it decides, its source, the check
 * parameters it reads), and one line in {@link Detectors#REGISTRY}; suites, lint, {@code --help} and the
 * docs then know it. A detector that calls out (an LLM judge over HTTP, say) returns
 * {@link Outcome#UNCERTAIN} when it cannot decide (a timeout, unparseable output). A norm selects it with
 * {@code checks: [{detector: <name>, ...}]}; {@link Ensemble.Builder#add(Detector)} adds one to an ensemble.
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
}
