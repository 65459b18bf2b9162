package dev.polity.eval;

import java.util.List;
import java.util.Map;

/**
 * The same case in every one of its contexts, unchanged. Whether the answers follow each place's
 * applicable norms, or collapse to one answer everywhere, is measured by {@link Metrics} (context
 * consistency). Parameters: {@code tags} (only cases with one of these tags).
 */
public final class ContextVariationProbe implements Probe {
    public static final String NAME = "context";
    public static final String VARIANT = "plain";
    private final ProbeParams params;

    public ContextVariationProbe(ProbeSpec spec) {
        this.params = new ProbeParams(spec).allow("tags");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<EvalItem> expand(Suite suite, Case c, NamedContext nc) {
        if (c.template() != null || !params.selects(c)) {
            return List.of();
        }
        return List.of(plain(suite, c, nc, NAME));
    }

    /** A case as written, in a context, under {@code probe}. */
    static EvalItem plain(Suite suite, Case c, NamedContext nc, String probe) {
        return new EvalItem(c.id(), nc, probe, VARIANT, 1, suite.opening(nc, c.conversation()), c.expected(), Map.of(),
                c.correctAnswers(), c.tags());
    }
}
