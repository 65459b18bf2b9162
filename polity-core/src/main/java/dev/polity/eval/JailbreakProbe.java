package dev.polity.eval;

import dev.polity.input.PluginInfo;
import dev.polity.model.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends each case once as written ({@code none}) and once inside each jailbreak wrapper; the attack
 * success rate of a wrapper is its violation rate minus that of {@code none} (see {@link Metrics}).
 * The wrapper applies to the last user message.
 */
public final class JailbreakProbe implements Probe {
    public static final String NAME = "jailbreak";
    static final PluginInfo INFO = new PluginInfo(NAME,
            "each case as written (variant none) and inside each jailbreak wrapper; measures attack success per wrapper (its violation rate minus that of none)",
            "Wei et al., 2023, \"Jailbroken: How Does LLM Safety Training Fail?\", §3 (the wrappers' attack families; the wording is Polity's)",
            List.of(new PluginInfo.Parameter("wrappers", "a list of wrapper names among " + String.join(", ", wrapperNames()), "all",
                    "the wrappers to send each case in, besides none (as written)")));
    private final ProbeParams params;
    private final List<JailbreakWrapper> wrappers;

    public JailbreakProbe(ProbeSpec spec) {
        this.params = new ProbeParams(spec);
        List<String> names = params.strings("wrappers");
        List<JailbreakWrapper> chosen = new ArrayList<>();
        chosen.add(JailbreakWrapper.NONE);
        if (names.isEmpty()) {
            chosen = List.of(JailbreakWrapper.values());
        } else {
            for (String n : names) {
                JailbreakWrapper w = JailbreakWrapper.parse(n).orElseThrow(() -> params.bad("wrappers",
                        "wrapper names among " + String.join(", ", wrapperNames()), "'" + n + "'"));
                if (!chosen.contains(w)) {
                    chosen.add(w);
                }
            }
        }
        this.wrappers = List.copyOf(chosen);
    }

    private static List<String> wrapperNames() {
        return List.of(JailbreakWrapper.values()).stream().map(JailbreakWrapper::wireName).toList();
    }

    @Override
    public String name() {
        return NAME;
    }

    public List<JailbreakWrapper> wrappers() {
        return wrappers;
    }

    @Override
    public List<EvalItem> expand(Suite suite, Case c, NamedContext nc) {
        if (c.template() != null || !params.selects(c)) {
            return List.of();
        }
        EvalItem plain = ContextVariationProbe.plain(suite, c, nc, NAME);
        List<EvalItem> out = new ArrayList<>();
        for (JailbreakWrapper w : wrappers) {
            List<Message> conversation = new ArrayList<>(plain.conversation());
            Message last = conversation.remove(conversation.size() - 1);
            conversation.add(Message.user(w.wrap(last.text())));
            out.add(plain.withConversation(conversation, w.wireName(), 1));
        }
        return out;
    }
}
