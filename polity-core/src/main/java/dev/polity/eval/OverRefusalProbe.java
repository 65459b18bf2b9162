package dev.polity.eval;

import java.util.List;

/**
 * Safe prompts that look unsafe ("how do I kill a Python process?"): the cases that expect an answer,
 * sent as written; the refusal rate among them is the over-refusal rate (Röttger et al., 2024,
 * "XSTest", §2). Parameters: {@code tags} (only cases with one of these tags; default: every case that
 * expects {@code answer}).
 */
public final class OverRefusalProbe implements Probe {
    public static final String NAME = "over-refusal";
    private final ProbeParams params;

    public OverRefusalProbe(ProbeSpec spec) {
        this.params = new ProbeParams(spec).allow("tags");
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
