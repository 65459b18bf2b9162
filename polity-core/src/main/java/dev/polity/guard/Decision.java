package dev.polity.guard;

import dev.polity.judge.PiiKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the guard decided about one exchange: the overall action (the most severe any norm asks for), the
 * constitution version (SHA-256) it used, one decision per applicable norm in the constitution's order, and
 * what delivering the answer takes (the personal data to redact, the disclosures to append). In shadow
 * mode the decision is taken and recorded, but {@link #holds()}, {@link #redactPrompt} and
 * {@link #deliver} change nothing. {@code reviewHolds}: a review withholds the answer (else it is delivered
 * and flagged).
 */
public record Decision(Action action, String constitution, List<NormDecision> norms, Set<PiiKind> promptRedactions,
                       Set<PiiKind> answerRedactions, List<String> disclosures, boolean shadow, boolean reviewHolds) {

    public Decision {
        norms = List.copyOf(norms);
        promptRedactions = promptRedactions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(promptRedactions));
        answerRedactions = answerRedactions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(answerRedactions));
        disclosures = List.copyOf(new LinkedHashSet<>(disclosures));
    }

    /** The shape of {@code polity check --json}: {@code {"action", "constitution", "norms": [...]}}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action.wireName());
        m.put("constitution", constitution);
        List<Map<String, Object>> ns = new ArrayList<>(norms.size());
        for (NormDecision n : norms) {
            ns.add(n.asMap());
        }
        m.put("norms", ns);
        return m;
    }

    /** The ids of the norms that decided the action (those asking for it), in order, each once; none when it allows. */
    public List<String> decidingNorms() {
        if (action == Action.ALLOW) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (NormDecision n : norms) {
            if (n.action() == action) {
                ids.add(n.norm().id());
            }
        }
        return List.copyOf(ids);
    }

    /** CLOSED when an undecided norm held the answer, OPEN when undecided norms let it through, null when every norm was decided. */
    public FailMode failMode() {
        FailMode out = null;
        for (NormDecision n : norms) {
            if (n.failMode() == FailMode.CLOSED) {
                return FailMode.CLOSED;
            }
            if (n.failMode() == FailMode.OPEN) {
                out = FailMode.OPEN;
            }
        }
        return out;
    }

    /** The answer does not go out (blocked, or withheld for review when review holds); never in shadow mode. */
    public boolean holds() {
        return !shadow && (action == Action.BLOCK || action == Action.REVIEW && reviewHolds);
    }

    /** A prompt text as it may be forwarded: personal data the decision asks to redact removed. */
    public String redactPrompt(String text) {
        return shadow ? text : Redaction.apply(text, promptRedactions);
    }

    /** The answer as it goes out: redacted, then the disclosures appended. */
    public String deliver(String answer) {
        if (shadow) {
            return answer;
        }
        StringBuilder out = new StringBuilder(Redaction.apply(answer, answerRedactions));
        for (String d : disclosures) {
            out.append(out.length() == 0 ? "" : "\n\n").append(d);
        }
        return out.toString();
    }

    /** What the client reads instead of a held answer: why, and which norms; the review id when it waits for a reviewer. */
    public String notice(String reviewId) {
        List<String> ids = decidingNorms();
        if (action == Action.REVIEW) {
            return "[polity] This answer is held for human review" + (reviewId == null ? "" : " (review " + reviewId + ")")
                    + " under " + String.join(", ", ids) + ".";
        }
        if (failMode() == FailMode.CLOSED && norms.stream().noneMatch(n -> n.action() == Action.BLOCK && n.failMode() == null)) {
            return "[polity] This answer is held: " + String.join(", ", ids) + " applies here and compliance could not be decided.";
        }
        StringBuilder b = new StringBuilder("[polity] This answer was blocked: it would not comply with ");
        boolean first = true;
        for (NormDecision n : norms) {
            if (n.action() == action && ids.contains(n.norm().id())) {
                b.append(first ? "" : "; ").append(n.norm().id()).append(" (").append(n.norm().statement()).append(')');
                first = false;
                ids = ids.stream().filter(i -> !i.equals(n.norm().id())).toList();
            }
        }
        return b.append('.').toString();
    }

    /** The two decisions of one exchange (the prompt's, then the answer's) as one: norms of both, the more severe action. */
    public Decision and(Decision answer) {
        List<NormDecision> all = new ArrayList<>(norms);
        all.addAll(answer.norms);
        Set<PiiKind> p = EnumSet.noneOf(PiiKind.class);
        p.addAll(promptRedactions);
        p.addAll(answer.promptRedactions);
        Set<PiiKind> a = EnumSet.noneOf(PiiKind.class);
        a.addAll(answerRedactions);
        a.addAll(answer.answerRedactions);
        List<String> d = new ArrayList<>(disclosures);
        d.addAll(answer.disclosures);
        return new Decision(action.max(answer.action), constitution, all, p, a, d, shadow || answer.shadow, reviewHolds && answer.reviewHolds);
    }
}
