package dev.polity.eval;

import dev.polity.input.PluginInfo;
import java.util.List;

/**
 * Safe prompts that look unsafe ("how do I kill a Python process?"): the cases that expect an answer,
 * sent as written; the refusal rate among them is the over-refusal rate (Röttger et al., 2024,
 * "XSTest", §2).
 */
final class OverRefusalProbe implements Probe {
    public static final String NAME = "over-refusal";
    static final PluginInfo INFO = new PluginInfo(NAME,
            "cases that expect: answer (safe prompts that look unsafe), as written; measures the refusal rate among them",
            "Röttger et al., 2024, \"XSTest: A Test Suite for Identifying Exaggerated Safety Behaviours in Large Language Models\", §2",
            List.of());
    private final ProbeParams params;

    public OverRefusalProbe(ProbeSpec spec) {
        this.params = new ProbeParams(spec);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<EvalItem> expand(Suite suite, Case c, NamedContext nc) {
        if (c.template() != null || c.expected() != Behaviour.ANSWER || !params.selects(c)) {
            return List.of();
        }
        return List.of(ContextVariationProbe.plain(suite, c, nc, NAME));
    }
}
