package dev.polity.guard;

import static dev.polity.guard.GuardFixtures.context;
import static dev.polity.guard.GuardFixtures.guard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polity.input.InvalidInputException;
import dev.polity.judge.Outcome;
import dev.polity.norms.Context;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardTest {
    private final Guard guard = guard();
    private final Context deGeneral = context("DE", "general");
    private final Context deHealth = context("DE", "healthcare");

    private static NormDecision entry(Decision d, String id, Part part) {
        return d.norms().stream().filter(n -> n.norm().id().equals(id) && n.appliesTo() == part).findFirst().orElseThrow();
    }

    @Test
    void aMissingDisclosureIsAppendedNotBlocked() {
        Decision d = guard.checkAnswer(deGeneral, "hello", "Hello, how can I help?", 1);
        assertThat(d.action()).isEqualTo(Action.DISCLOSE);
        assertThat(d.decidingNorms()).containsExactly("eu.disclose");
        assertThat(d.deliver("Hello, how can I help?")).isEqualTo("Hello, how can I help?\n\n" + Enforcement.DEFAULT_DISCLOSURE);
        // a later turn owes no disclosure: the check is first_turn_only
        assertThat(guard.checkAnswer(deGeneral, "hello", "Hello again.", 2).action()).isEqualTo(Action.ALLOW);
    }

    @Test
    void aLawViolationBlocksAndNamesTheNorm() {
        Decision d = guard.checkAnswer(deHealth, "how much?", "I am an AI. Take 400 mg twice a day.", 1);
        assertThat(d.action()).isEqualTo(Action.BLOCK);
        assertThat(d.holds()).isTrue();
        assertThat(d.decidingNorms()).containsExactly("law.no-dose");
        NormDecision n = entry(d, "law.no-dose", Part.ANSWER);
        assertThat(n.verdict()).isEqualTo(Outcome.VIOLATES);
        assertThat(n.decidedBy()).isEqualTo("rules");
        assertThat(n.evidence()).contains("400 mg");
        // the same answer outside healthcare: the norm is not in force there
        assertThat(guard.checkAnswer(deGeneral, "how much?", "I am an AI. Take 400 mg twice a day.", 1).action()).isEqualTo(Action.ALLOW);
    }

    @Test
    void personalDataIsRedactedWhenThatMakesTheAnswerComply() {
        String answer = "I am an AI. Write to bob@example.org or call +49 30 1234 5678.";
        Decision d = guard.checkAnswer(deGeneral, "contact?", answer, 1);
        assertThat(d.action()).isEqualTo(Action.REDACT);
        assertThat(d.holds()).isFalse();
        assertThat(d.deliver(answer)).isEqualTo("I am an AI. Write to [email redacted] or call [phone redacted].");
    }

    @Test
    void aRedactionThatCannotRemoveTheViolationBlocks() {
        Enforcement e = new Enforcement(Map.of("law", Action.BLOCK, "operator", Action.REDACT), List.of(), java.util.Set.of("law"),
                Action.BLOCK, false, Enforcement.DEFAULT_DISCLOSURE, true, List.of(), Enforcement.DEFAULT_MIN_CONFIDENCE);
        Decision d = guard(e).checkAnswer(deGeneral, "hi", "I am an AI. SHUT UP.", 1);
        assertThat(d.action()).isEqualTo(Action.BLOCK);
        assertThat(entry(d, "operator.no-shouting", Part.ANSWER).evidence()).contains("redacting personal data does not make it comply");
    }

    @Test
    void aNormRuleSendsToReview() {
        Decision d = guard.checkAnswer(deGeneral, "hi", "I am an AI. SHUT UP.", 1);
        assertThat(d.action()).isEqualTo(Action.REVIEW);
        assertThat(d.holds()).isTrue();
        assertThat(d.decidingNorms()).containsExactly("operator.no-shouting");
    }

    @Test
    void anUndecidedLawNormWhoseConditionHoldsFailsClosed() {
        Decision d = guard.checkAnswer(deGeneral, "I want to hurt myself", "I am an AI. Please talk to someone you trust.", 1);
        NormDecision crisis = entry(d, "law.crisis", Part.ANSWER);
        assertThat(crisis.verdict()).isEqualTo(Outcome.UNCERTAIN);
        assertThat(crisis.failMode()).isEqualTo(FailMode.CLOSED);
        assertThat(crisis.action()).isEqualTo(Action.BLOCK);
        assertThat(crisis.evidence()).contains("applicability established");
        assertThat(d.action()).isEqualTo(Action.BLOCK);
        assertThat(d.failMode()).isEqualTo(FailMode.CLOSED);
        assertThat(d.decidingNorms()).containsExactly("law.crisis");
        // the community norm on the same condition is of a lower tier: it fails open
        assertThat(entry(d, "community.crisis-tone", Part.ANSWER).failMode()).isEqualTo(FailMode.OPEN);
    }

    @Test
    void anUndecidedNormWhoseApplicabilityIsUndecidedFailsOpen() {
        Decision d = guard.checkAnswer(deGeneral, "hello", "I am an AI. Hello!", 1);
        NormDecision publication = entry(d, "law.publication", Part.ANSWER);
        assertThat(publication.verdict()).isEqualTo(Outcome.UNCERTAIN);
        assertThat(publication.failMode()).isEqualTo(FailMode.OPEN);
        assertThat(publication.evidence()).contains("applicability undecided");
        // the crisis norm's condition does not hold: not applicable, and nothing fails
        assertThat(entry(d, "law.crisis", Part.ANSWER).verdict()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(d.action()).isEqualTo(Action.ALLOW);
        assertThat(d.failMode()).isEqualTo(FailMode.OPEN);
    }

    @Test
    void failClosedCanSendToReviewInstead() {
        Enforcement e = new Enforcement(GuardFixtures.ENFORCEMENT.tierActions(), GuardFixtures.ENFORCEMENT.normRules(), java.util.Set.of("law"),
                Action.REVIEW, false, Enforcement.DEFAULT_DISCLOSURE, true, List.of(), Enforcement.DEFAULT_MIN_CONFIDENCE);
        assertThat(guard(e).checkAnswer(deGeneral, "I want to hurt myself", "I am an AI.", 1).action()).isEqualTo(Action.REVIEW);
    }

    @Test
    void shadowModeDecidesButChangesNothing() {
        Guard shadow = guard(GuardFixtures.ENFORCEMENT.withShadow(true));
        String answer = "I am an AI. Take 400 mg. Mail bob@example.org";
        Decision d = shadow.checkAnswer(deHealth, "how much?", answer, 1);
        assertThat(d.action()).isEqualTo(Action.BLOCK);
        assertThat(d.shadow()).isTrue();
        assertThat(d.holds()).isFalse();
        assertThat(d.deliver(answer)).isEqualTo(answer);
    }

    @Test
    void inputNormsJudgeTheConversation() {
        Decision d = guard.checkPrompt(deGeneral, "user: my mail is ann@example.org, please remember it", 1);
        assertThat(d.norms()).extracting(n -> n.norm().id()).containsExactly("operator.no-contact");
        assertThat(d.action()).isEqualTo(Action.REDACT);
        assertThat(d.redactPrompt("my mail is ann@example.org")).isEqualTo("my mail is [email redacted]");
    }

    @Test
    void checkListsEveryApplicableNormInTheConstitutionsOrder() {
        Decision d = guard.check(deGeneral, "hello", "I am an AI. Hello!", 1);
        assertThat(d.asMap().keySet()).containsExactly("action", "constitution", "norms");
        assertThat(d.norms()).extracting(n -> n.norm().id() + "/" + n.appliesTo().wireName()).containsExactly(
                "eu.disclose/answer", "law.crisis/answer", "law.publication/answer", "community.crisis-tone/answer",
                "operator.no-contact/prompt", "operator.no-contact/answer", "operator.no-shouting/answer");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) d.asMap().get("norms")).get(0);
        assertThat(first.keySet()).containsExactly("id", "tier", "applies_to", "verdict", "confidence", "decided_by", "evidence", "fail_mode");
        assertThat(d.constitution()).isEqualTo(GuardFixtures.CONSTITUTION.digest()).hasSize(64);
    }

    @Test
    void aPromptAloneLeavesTheAnswerNormsNotApplicable() {
        Decision d = guard.check(deGeneral, "hello", null, 1);
        assertThat(entry(d, "eu.disclose", Part.ANSWER).verdict()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(entry(d, "eu.disclose", Part.ANSWER).evidence()).isEqualTo("no answer given");
        assertThat(d.action()).isEqualTo(Action.ALLOW);
    }

    @Test
    void applicableNormsAreResolvedOncePerContext() {
        assertThat(guard.applicable(deGeneral)).isSameAs(guard.applicable(context("DE", "general")));
        assertThat(guard.applicable(deGeneral)).extracting(n -> n.id()).doesNotContain("law.no-dose");
        assertThat(guard.applicable(deHealth)).extracting(n -> n.id()).contains("law.no-dose");
    }

    @Test
    void contextsAreCheckedAgainstTheConstitution() {
        assertThatThrownBy(() -> guard.context("XX", null, null, GuardFixtures.DAY))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.oneLine()).startsWith("jurisdiction: unknown jurisdiction 'XX'"));
        assertThatThrownBy(() -> guard.context("DE", "cooking", null, GuardFixtures.DAY))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.oneLine()).isEqualTo("domain: 'cooking' is not declared; expected one of general, healthcare"));
        assertThat(guard.context("US-CA", "general", null, GuardFixtures.DAY).jurisdiction()).isEqualTo("US-CA");
    }

    @Test
    void normRulesMatchIdsAndTopicsWithWildcards() {
        var disclose = GuardFixtures.CONSTITUTION.byId().get("eu.disclose");
        assertThat(NormRule.matches("eu.disclose", disclose)).isTrue();
        assertThat(NormRule.matches("eu.*", disclose)).isTrue();
        assertThat(NormRule.matches("*.disclose", disclose)).isTrue();
        assertThat(NormRule.matches("topic:ai-disclosure.*", disclose)).isTrue();
        assertThat(NormRule.matches("topic:ai-disclosure", disclose)).isFalse();
        assertThat(NormRule.matches("eu.disc", disclose)).isFalse();
        assertThat(NormRule.matches("eu.(disclose)", disclose)).isFalse();
    }

    @Test
    void aViolationBelowMinConfidenceIsUndecided() {
        dev.polity.judge.Detector guessing = new dev.polity.judge.Detector() {
            @Override
            public String name() {
                return "judge";
            }

            @Override
            public dev.polity.judge.Verdict judge(dev.polity.judge.Answer answer, dev.polity.norms.Norm norm, dev.polity.norms.Check check) {
                return dev.polity.judge.Verdict.violates(0.6, "looks a bit like a violating example", "judge");
            }
        };
        Guard g = new Guard(GuardFixtures.CONSTITUTION, GuardFixtures.ENFORCEMENT,
                dev.polity.judge.Ensemble.builder().add(new dev.polity.judge.RuleDetector()).add(guessing).build());
        Decision plain = g.checkAnswer(deGeneral, "hello", "I am an AI. Hello!", 1);
        NormDecision publication = entry(plain, "law.publication", Part.ANSWER);
        assertThat(publication.verdict()).isEqualTo(Outcome.UNCERTAIN);
        assertThat(publication.failMode()).isEqualTo(FailMode.OPEN);
        assertThat(publication.evidence()).contains("below min_confidence 0.7");
        assertThat(plain.action()).isEqualTo(Action.ALLOW);
        // where the norm's condition holds, the same guess fails closed: compliance is undecided
        assertThat(g.checkAnswer(deGeneral, "I want to hurt myself", "I am an AI.", 1).action()).isEqualTo(Action.BLOCK);
    }

    /** A norm judge that finds every answer in violation, confidently. */
    private static final dev.polity.judge.Detector SURE_VIOLATION = new dev.polity.judge.Detector() {
        @Override
        public String name() {
            return dev.polity.judge.NormJudge.NAME;
        }

        @Override
        public dev.polity.judge.Verdict judge(dev.polity.judge.Answer answer, dev.polity.norms.Norm norm, dev.polity.norms.Check check) {
            return dev.polity.judge.Verdict.violates(0.9, "P(violates) 0.90", name());
        }
    };

    private static final dev.polity.norms.Constitution JUDGED = dev.polity.norms.ConstitutionLoader.fromString("judged.yaml", """
            name: judged
            version: "1"
            norms:
              - id: law.publication
                statement: Label generated text meant for publication.
                kind: must
                tier: law
                topic: publication
                checks: [{detector: norm-judge}]
              - id: law.crisis
                statement: When the user mentions self-harm, point to crisis services.
                kind: must
                tier: law
                topic: crisis
                checks: [{detector: norm-judge, params: {when_prompt_matches: "(?i)hurt myself"}}]
              - id: law.dosing
                statement: Do not give a dose for a specific patient.
                kind: must_not
                tier: law
                topic: dosing
                checks: [{detector: norm-judge}, {detector: rules, params: {forbid_phrases: ["overdose now"], when_prompt_matches: "(?i)how much"}}]
              - id: law.disclose
                statement: Say you are an AI at the start.
                kind: must
                tier: law
                topic: ai-disclosure.interaction
                checks: [{detector: judge, params: {first_turn_only: true}}]
            """);

    private static Guard judged(Enforcement e) {
        return new Guard(JUDGED, e, dev.polity.judge.Ensemble.builder().add(SURE_VIOLATION).add(new dev.polity.judge.RuleDetector())
                .add(GuardFixtures.UNDECIDED).build());
    }

    @Test
    void theNormJudgesViolationActsOnlyWhereACheckStatesWhenTheNormConcernsTheExchange() {
        Decision d = judged(GuardFixtures.ENFORCEMENT).checkAnswer(deGeneral, "I want to hurt myself", "Here is a poem about rain.", 1);
        NormDecision publication = entry(d, "law.publication", Part.ANSWER);
        assertThat(publication.verdict()).isEqualTo(Outcome.UNCERTAIN);
        assertThat(publication.failMode()).isEqualTo(FailMode.OPEN);
        assertThat(publication.action()).isEqualTo(Action.ALLOW);
        assertThat(publication.decidedBy()).isEqualTo("norm-judge");
        assertThat(publication.evidence()).contains("no check of the norm states when the norm concerns an exchange").contains("applicability undecided");
        NormDecision crisis = entry(d, "law.crisis", Part.ANSWER);
        assertThat(crisis.verdict()).isEqualTo(Outcome.VIOLATES);
        assertThat(crisis.action()).isEqualTo(Action.BLOCK);
        assertThat(d.decidingNorms()).containsExactly("law.crisis");
        // where the prompt does not meet the condition, nothing blocks
        assertThat(judged(GuardFixtures.ENFORCEMENT).checkAnswer(deGeneral, "write me a poem", "Here is a poem about rain.", 2).action())
                .isEqualTo(Action.ALLOW);
    }

    @Test
    void theNormJudgesViolationActsWhereAnotherCheckOfTheNormStatesItsConditionAndItHolds() {
        // the rules check states when the norm concerns an exchange and finds nothing; the norm judge's check states nothing
        Decision asked = judged(GuardFixtures.ENFORCEMENT).checkAnswer(deGeneral, "How much may I take?", "I can't advise, but take 400 mg.", 2);
        NormDecision dosing = entry(asked, "law.dosing", Part.ANSWER);
        assertThat(dosing.verdict()).isEqualTo(Outcome.VIOLATES);
        assertThat(dosing.decidedBy()).isEqualTo("norm-judge");
        assertThat(dosing.action()).isEqualTo(Action.BLOCK);
        assertThat(asked.decidingNorms()).containsExactly("law.dosing");
        // unasked, the same finding is undecided and fails open: nothing says the norm concerns this exchange
        Decision unasked = judged(GuardFixtures.ENFORCEMENT).checkAnswer(deGeneral, "Tell me about ibuprofen", "I can't advise, but take 400 mg.", 2);
        NormDecision open = entry(unasked, "law.dosing", Part.ANSWER);
        assertThat(open.verdict()).isEqualTo(Outcome.UNCERTAIN);
        assertThat(open.failMode()).isEqualTo(FailMode.OPEN);
        assertThat(open.evidence()).contains("no check of the norm states when the norm concerns an exchange");
        assertThat(unasked.action()).isEqualTo(Action.ALLOW);
    }

    @Test
    void normJudgeActsAlwaysLetsEveryConfidentViolationAct() {
        Enforcement e = GuardConfig.parse("gw.yaml", "enforcement: {norm_judge_acts: always}\n", java.nio.file.Path.of(".")).enforcement();
        assertThat(e.normJudgeAlwaysActs()).isTrue();
        Decision d = judged(e).checkAnswer(deGeneral, "write me a poem", "Here is a poem about rain.", 2);
        assertThat(entry(d, "law.publication", Part.ANSWER).verdict()).isEqualTo(Outcome.VIOLATES);
        assertThat(d.action()).isEqualTo(Action.BLOCK);
    }

    @Test
    void failingClosedAsksNoMoreThanAViolationWould() {
        // the disclosure norm's condition holds (a first turn) and its judge abstains: treated as violated, so disclosed, not blocked
        Decision d = judged(GuardFixtures.ENFORCEMENT).checkAnswer(deGeneral, "write me a poem", "Here is a poem about rain.", 1);
        NormDecision disclose = entry(d, "law.disclose", Part.ANSWER);
        assertThat(disclose.failMode()).isEqualTo(FailMode.CLOSED);
        assertThat(disclose.action()).isEqualTo(Action.DISCLOSE);
        assertThat(disclose.evidence()).contains("treated as violated");
        assertThat(d.action()).isEqualTo(Action.DISCLOSE);
        assertThat(d.deliver("Here is a poem about rain.")).endsWith(Enforcement.DEFAULT_DISCLOSURE);
    }
}
