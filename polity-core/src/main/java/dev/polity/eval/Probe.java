package dev.polity.eval;

import java.util.List;
import java.util.Optional;

/**
 * A way of probing a model: it turns a case, in one of its contexts, into the requests to send
 * (garak's probes, Inspect's solvers: small, composable, one per file). A probe may also build a
 * second request from the first answer, for multi-turn probes. Implementations are pure and immutable.
 *
 * <p>Extension point: a new probe is one class implementing this interface, with a
 * {@code static final PluginInfo INFO} (its name, one line on what it sends and measures, its source, the
 * parameters it reads) and a constructor taking a {@link ProbeSpec}, and one line in {@link Probes#REGISTRY};
 * suites, {@code --help} and the docs then know it.
 */
interface Probe {

    /** The name a suite's {@code probes} use, and the {@code probe} of every item it makes. */
    String name();

    /** The first-turn items for {@code c} in context {@code nc}; empty when the probe does not apply to the case. */
    List<EvalItem> expand(Suite suite, Case c, NamedContext nc);

    /** The next request after {@code first} was answered with {@code answer}, if this probe has one. */
    default Optional<EvalItem> followUp(EvalItem first, String answer) {
        return Optional.empty();
    }
}
