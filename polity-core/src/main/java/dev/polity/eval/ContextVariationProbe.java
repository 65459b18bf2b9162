package dev.polity.eval;

import dev.polity.input.PluginInfo;
import java.util.List;
import java.util.Map;

/**
 * The same case in every one of its contexts, unchanged. Whether the answers follow each place's
 * applicable norms, or collapse to one answer everywhere, is measured by {@link Metrics} (context
 * consistency).
 */
final class ContextVariationProbe implements Probe {
    public static final String NAME = "context";
    public static final String VARIANT = "plain";
    static final PluginInfo INFO = new PluginInfo(NAME,
            "each case (not templates) in each of its contexts, as written (variant plain); measures norm-following and collapse to one answer everywhere",
            "Stańczak et al., 2025, \"Societal Alignment Frameworks Can Improve LLM Alignment\" (value-aware evaluation across contexts)",
            List.of());
    private final ProbeParams params;

    public ContextVariationProbe(ProbeSpec spec) {
        this.params = new ProbeParams(spec);
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
