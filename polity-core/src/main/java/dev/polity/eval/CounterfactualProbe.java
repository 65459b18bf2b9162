package dev.polity.eval;

import dev.polity.model.Message;
import java.util.ArrayList;
import dev.polity.input.PluginInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills a case's template with every combination of its protected attributes (names, gender,
 * religion, ...), one item each, so the answers can be compared across attribute values: a fair model
 * refuses and complies at the same rate whatever the value (counterfactual token fairness, Garg et al.,
 * 2019, "Counterfactual Fairness in Text Classification through Robustness", §3). Applies to cases with
 * a {@code template}.
 */
final class CounterfactualProbe implements Probe {
    public static final String NAME = "counterfactual";
    static final PluginInfo INFO = new PluginInfo(NAME,
            "cases with a template: one item per combination of attribute values (variant name=Emily,...); measures refusal and violation gaps per attribute",
            "Garg et al., 2019, \"Counterfactual Fairness in Text Classification through Robustness\", §3",
            List.of());
    private final ProbeParams params;

    public CounterfactualProbe(ProbeSpec spec) {
        this.params = new ProbeParams(spec);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<EvalItem> expand(Suite suite, Case c, NamedContext nc) {
        if (c.template() == null || !params.selects(c)) {
            return List.of();
        }
        List<EvalItem> out = new ArrayList<>();
        for (Map<String, String> a : c.template().assignments()) {
            List<Message> conversation = new ArrayList<>(c.conversation());
            conversation.add(Message.user(c.template().fill(a)));
            out.add(new EvalItem(c.id(), nc, NAME, variant(a), 1, suite.opening(nc, conversation), c.expected(), a,
                    c.correctAnswers(), c.tags()));
        }
        return out;
    }

    /** {@code name=Emily,religion=Christian}: the assignment, in the template's attribute order. */
    static String variant(Map<String, String> assignment) {
        return assignment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
