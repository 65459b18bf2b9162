package dev.polity.guard;

import dev.polity.norms.Norm;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to do about a norm's verdict: the action on a violation (a norm rule that matches, else the tier's),
 * which tiers fail closed and how, shadow mode, the disclosure text, whether review holds the answer, and
 * which norms are also judged on the conversation sent to the model.
 *
 * @param tierActions     the action on a violated norm, per tier; a tier not named allows
 * @param normRules       actions for particular norms, the first match deciding, before the tier's
 * @param failClosedTiers tiers whose undecided norms hold the answer when their applicability is established
 * @param failClosedAction {@link Action#BLOCK} or {@link Action#REVIEW}: how a fail-closed answer is held
 * @param shadow          decide and record, change nothing
 * @param disclosure      what a disclose action appends when its norm rule gives no text
 * @param reviewHolds     true: review withholds the answer until a reviewer resolves it; false: delivered and flagged
 * @param inputNorms      norm ids or {@code topic:TOPIC} patterns also judged on the conversation (the prompt)
 * @param minConfidence   a violation less confident than this asks for no action: it counts as undecided (and
 *                        fails open or closed as such), since acting on a guess blocks harmless answers
 * @param normJudgeAlwaysActs false (the default): a violation the in-process norm judge finds acts only where one of
 *                        the norm's checks (any detector's) states when the norm concerns an exchange
 *                        ({@code when_prompt_matches}, {@code first_turn_only}) and that condition holds; elsewhere
 *                        it counts as undecided with applicability undecided, and fails open, since the judge cannot
 *                        tell whether a norm concerns an exchange well enough to block on it (docs/GATEWAY.md,
 *                        "False blocks"); true: every confident violation acts
 */
public record Enforcement(Map<String, Action> tierActions, List<NormRule> normRules, Set<String> failClosedTiers,
                          Action failClosedAction, boolean shadow, String disclosure, boolean reviewHolds,
                          List<String> inputNorms, double minConfidence, boolean normJudgeAlwaysActs) {

    public static final String DEFAULT_DISCLOSURE = "(I am an AI assistant, not a human.)";

    public static final double DEFAULT_MIN_CONFIDENCE = 0.7;

    /** The defaults documented in docs/GATEWAY.md. */
    public static final Enforcement DEFAULT = new Enforcement(
            Map.of("law", Action.BLOCK, "regulation", Action.BLOCK, "operator", Action.REVIEW, "community", Action.ALLOW, "user", Action.ALLOW),
            List.of(new NormRule("topic:ai-disclosure.*", Action.DISCLOSE, null),
                    new NormRule("health.professional-advice-note", Action.DISCLOSE,
                            "This does not replace advice from a health professional who knows your situation."),
                    new NormRule("legal.information-not-advice-note", Action.DISCLOSE,
                            "This is general legal information, not legal advice for your case.")),
            Set.of("law", "regulation"), Action.BLOCK, false, DEFAULT_DISCLOSURE, true,
            List.of("operator.privacy.no-echo-identifiers"), DEFAULT_MIN_CONFIDENCE, false);

    public Enforcement {
        tierActions = Collections.unmodifiableMap(new LinkedHashMap<>(tierActions));
        normRules = List.copyOf(normRules);
        failClosedTiers = Collections.unmodifiableSet(new LinkedHashSet<>(failClosedTiers));
        if (failClosedAction != Action.BLOCK && failClosedAction != Action.REVIEW) {
            throw new IllegalArgumentException("fail_closed.action must be block or review, got " + failClosedAction);
        }
        inputNorms = List.copyOf(inputNorms);
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("min_confidence must be in [0, 1], got " + minConfidence);
        }
    }

    /** The norm judge's violations acting only where a check's stated condition holds (the default). */
    public Enforcement(Map<String, Action> tierActions, List<NormRule> normRules, Set<String> failClosedTiers, Action failClosedAction,
                       boolean shadow, String disclosure, boolean reviewHolds, List<String> inputNorms, double minConfidence) {
        this(tierActions, normRules, failClosedTiers, failClosedAction, shadow, disclosure, reviewHolds, inputNorms, minConfidence, false);
    }

    /** The action on a violation of {@code norm}. */
    public Action actionFor(Norm norm) {
        for (NormRule r : normRules) {
            if (r.matches(norm)) {
                return r.action();
            }
        }
        return tierActions.getOrDefault(norm.tier(), Action.ALLOW);
    }

    /** The text a disclose action for {@code norm} appends. */
    public String disclosureFor(Norm norm) {
        for (NormRule r : normRules) {
            if (r.matches(norm)) {
                return r.disclosure() == null ? disclosure : r.disclosure();
            }
        }
        return disclosure;
    }

    /** Whether {@code norm} is also judged on the conversation sent to the model. */
    public boolean judgedOnInput(Norm norm) {
        return inputNorms.stream().anyMatch(p -> NormRule.matches(p, norm));
    }

    public boolean failsClosed(String tier) {
        return failClosedTiers.contains(tier);
    }

    public Enforcement withShadow(boolean on) {
        return new Enforcement(tierActions, normRules, failClosedTiers, failClosedAction, on, disclosure, reviewHolds, inputNorms, minConfidence,
                normJudgeAlwaysActs);
    }
}
