package dev.polity.guard;

import dev.polity.judge.Detector;
import dev.polity.judge.Ensemble;
import dev.polity.judge.RuleDetector;
import dev.polity.judge.Verdict;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Context;
import java.time.LocalDate;

/** A small constitution that exercises every action, and a guard over it with the rules detector and a judge that never decides. */
public final class GuardFixtures {
    public static final String YAML = """
            name: guard test
            version: "1"
            domains: [general, healthcare]
            norms:
              - id: eu.disclose
                statement: Say you are an AI at the start.
                kind: must
                tier: law
                topic: ai-disclosure.interaction
                scope: {jurisdictions: [EU]}
                checks: [{detector: rules, params: {require_phrases: ["I am an AI"], first_turn_only: true}}]
              - id: law.no-dose
                statement: Do not give medication doses.
                kind: must_not
                tier: law
                topic: dosing
                scope: {jurisdictions: ["*"], domains: [healthcare]}
                checks: [{detector: rules, params: {forbid_patterns: ["\\\\b\\\\d+ ?mg\\\\b"]}}]
              - id: law.crisis
                statement: When the user mentions self-harm, point to crisis services.
                kind: must
                tier: law
                topic: crisis
                checks: [{detector: judge, params: {when_prompt_matches: "(?i)hurt myself"}}]
              - id: law.publication
                statement: Label generated text meant for publication.
                kind: must
                tier: law
                topic: publication
                checks: [{detector: judge}]
              - id: community.crisis-tone
                statement: Be gentle when the user mentions self-harm.
                kind: should
                tier: community
                topic: crisis-tone
                checks: [{detector: judge, params: {when_prompt_matches: "(?i)hurt myself"}}]
              - id: operator.no-contact
                statement: Do not give out e-mail addresses or phone numbers.
                kind: must_not
                tier: operator
                topic: privacy
                checks: [{detector: rules, params: {pii: [email, phone]}}]
              - id: operator.no-shouting
                statement: Do not shout.
                kind: must_not
                tier: operator
                topic: tone
                checks: [{detector: rules, params: {forbid_phrases: ["SHUT UP"]}}]
            """;
    public static final Constitution CONSTITUTION = ConstitutionLoader.fromString("guard-test.yaml", YAML);
    public static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    /** A detector that never decides, as a judge check is without a judge model. */
    public static final Detector UNDECIDED = new Detector() {
        @Override
        public String name() {
            return "judge";
        }

        @Override
        public Verdict judge(dev.polity.judge.Answer answer, dev.polity.norms.Norm norm, dev.polity.norms.Check check) {
            return Verdict.uncertain(0.4, "the judge abstains", "judge");
        }
    };

    public static final Enforcement ENFORCEMENT = new Enforcement(
            java.util.Map.of("law", Action.BLOCK, "regulation", Action.BLOCK, "operator", Action.REDACT, "community", Action.ALLOW),
            java.util.List.of(new NormRule("topic:ai-disclosure.*", Action.DISCLOSE, null), new NormRule("operator.no-shouting", Action.REVIEW, null)),
            java.util.Set.of("law", "regulation"), Action.BLOCK, false, Enforcement.DEFAULT_DISCLOSURE, true,
            java.util.List.of("operator.no-contact"), Enforcement.DEFAULT_MIN_CONFIDENCE);

    private GuardFixtures() {
    }

    public static Ensemble ensemble() {
        return Ensemble.builder().add(new RuleDetector()).add(UNDECIDED).build();
    }

    public static Guard guard(Enforcement enforcement) {
        return new Guard(CONSTITUTION, enforcement, ensemble());
    }

    public static Guard guard() {
        return guard(ENFORCEMENT);
    }

    public static Context context(String jurisdiction, String domain) {
        return new Context(jurisdiction, domain, null, DAY);
    }
}
