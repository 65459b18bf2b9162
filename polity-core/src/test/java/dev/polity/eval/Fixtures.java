package dev.polity.eval;

import dev.polity.model.Message;
import dev.polity.judge.Outcome;
import dev.polity.judge.RefusalClass;
import dev.polity.judge.Verdict;
import dev.polity.norms.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-built items and verdicts for metric and report tests. */
final class Fixtures {
    static final NamedContext DE = new NamedContext("de", new Context("DE", "healthcare", "adult", LocalDate.of(2026, 9, 1)));
    static final NamedContext US = new NamedContext("us", new Context("US-CA", "healthcare", "adult", LocalDate.of(2026, 9, 1)));

    private Fixtures() {
    }

    static EvalItem item(String caseId, NamedContext ctx, String probe, String variant, int turn, Map<String, String> attrs, List<String> correct) {
        return new EvalItem(caseId, ctx, probe, variant, turn, List.of(Message.user("q " + caseId + " " + variant)), Behaviour.ANSWER,
                attrs, correct, List.of());
    }

    static NormVerdict verdict(String norm, Outcome o) {
        return new NormVerdict(norm, "law", "must", new Verdict(o, 0.9, "because", "ensemble"), List.of());
    }

    /** An item judged with the given outcomes for norms n1, n2, ... in order. */
    static JudgedItem judged(String model, EvalItem item, String answer, RefusalClass refusal, Outcome... outcomes) {
        List<NormVerdict> vs = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            vs.add(verdict("n" + (i + 1), outcomes[i]));
        }
        return new JudgedItem(item, model, answer, vs, List.of(), refusal);
    }
}
