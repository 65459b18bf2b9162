package dev.polity.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.norms.Check;
import dev.polity.norms.Examples;
import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Item 4 of issue 11: rules first, the in-process norm judge next, the LLM judge for what is still undecided. */
class EnsembleOrderTest {
    /** A detector that answers one outcome and remembers that it was asked. */
    static final class Scripted implements Detector {
        final String name;
        final Outcome outcome;
        final List<String> asked = new ArrayList<>();

        Scripted(String name, Outcome outcome) {
            this.name = name;
            this.outcome = outcome;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Verdict judge(Answer answer, Norm norm, Check check) {
            asked.add(check.detector());
            return new Verdict(outcome, 0.9, "scripted", name);
        }
    }

    static Norm norm(Check... checks) {
        return DetectorsTest.norm(List.of(checks), null);
    }

    static final Check LLM = new Check(LlmJudge.NAME, Map.of("rubric", "Is it fine?"));

    @Test
    void theNormJudgeDecidesAnLlmJudgeCheckAndTheLlmIsNotAsked() {
        Scripted judge = new Scripted(NormJudge.NAME, Outcome.COMPLIES);
        Scripted llm = new Scripted(LlmJudge.NAME, Outcome.VIOLATES);
        Verdict v = Ensemble.builder().add(judge).add(llm).build().judge(Answer.of("hello"), norm(LLM));
        assertEquals(Outcome.COMPLIES, v.outcome());
        assertEquals(NormJudge.NAME, v.detector(), "the verdict names the detector that decided it");
        assertEquals(List.of(LlmJudge.NAME), judge.asked);
        assertTrue(llm.asked.isEmpty());
    }

    @Test
    void whatTheNormJudgeLeavesUncertainGoesToTheLlm() {
        Scripted judge = new Scripted(NormJudge.NAME, Outcome.UNCERTAIN);
        Scripted llm = new Scripted(LlmJudge.NAME, Outcome.VIOLATES);
        Verdict v = Ensemble.builder().add(judge).add(llm).build().judge(Answer.of("hello"), norm(LLM));
        assertEquals(Outcome.VIOLATES, v.outcome());
        assertEquals(LlmJudge.NAME, v.detector());
        Verdict alone = Ensemble.builder().add(judge).build().judge(Answer.of("hello"), norm(LLM));
        assertEquals(Outcome.UNCERTAIN, alone.outcome(), "without a judge model the norm judge's uncertain verdict stands");
        assertEquals(NormJudge.NAME, alone.detector());
    }

    @Test
    void aRuleViolationIsNotSentToTheLlm() {
        Scripted llm = new Scripted(LlmJudge.NAME, Outcome.COMPLIES);
        Ensemble e = Ensemble.builder().add(new RuleDetector()).add(llm).build();
        Ensemble.Judgement j = e.judgeEach(Answer.of("mail me at bob@example.org"),
                norm(LLM, new Check(RuleDetector.NAME, Map.of("pii", "email"))));
        assertEquals(Outcome.VIOLATES, j.overall().outcome());
        assertEquals(RuleDetector.NAME, j.overall().detector());
        assertEquals(Outcome.NOT_APPLICABLE, j.checks().get(0).outcome(), j.checks().get(0).evidence());
        assertTrue(llm.asked.isEmpty());
    }

    @Test
    void aRequiredPhraseIsJudgedByTheNormJudgeAndByTheListOnlyWhenItDoesNotDecide() {
        Check disclosure = new Check(RuleDetector.NAME, Map.of("require_phrases", List.of("I am an AI"), "forbid_phrases", List.of("lawyer")));
        Answer reworded = Answer.of("The replies here are written by software, not by a person.");
        Verdict judged = Ensemble.builder().add(new RuleDetector()).add(new Scripted(NormJudge.NAME, Outcome.COMPLIES)).build()
                .judge(reworded, norm(disclosure));
        assertEquals(Outcome.COMPLIES, judged.outcome());
        assertEquals(NormJudge.NAME, judged.detector());
        Verdict listed = Ensemble.builder().add(new RuleDetector()).add(new Scripted(NormJudge.NAME, Outcome.UNCERTAIN)).build()
                .judge(reworded, norm(disclosure));
        assertEquals(Outcome.VIOLATES, listed.outcome(), "the norm judge is unsure: the phrase list decides");
        assertEquals(RuleDetector.NAME, listed.detector());
        Verdict forbidden = Ensemble.builder().add(new RuleDetector()).add(new Scripted(NormJudge.NAME, Outcome.COMPLIES)).build()
                .judge(Answer.of("I am an AI, not a lawyer."), norm(disclosure));
        assertEquals(Outcome.VIOLATES, forbidden.outcome(), "what the check forbids is still the rules' to decide");
    }

    @Test
    void lintAsksForTwoExamplesOfEachKindWhereAJudgeCheckReadsThem() {
        Norm thin = DetectorsTest.norm(List.of(LLM), new dev.polity.norms.Examples(List.of("ok"), List.of("bad", "worse")));
        assertEquals(List.of("norm t.norm: a llm-judge check judges by the norm's examples; give it at least 2 compliant and 2 violating "
                + "examples (it has 1 and 2)"), Detectors.problems(thin));
        Norm enough = DetectorsTest.norm(List.of(LLM), new dev.polity.norms.Examples(List.of("ok", "fine"), List.of("bad", "worse")));
        assertTrue(Detectors.problems(enough).isEmpty());
        assertTrue(Detectors.problems(DetectorsTest.norm(List.of(new Check(RuleDetector.NAME, Map.of("pii", "all"))), null)).isEmpty());
    }
    @Test
    void lintReadsForbiddenPatternsAgainstTheNormsOwnExamples() {
        Check narrow = new Check(RuleDetector.NAME, Map.of("forbid_patterns", "(?i)\\byour application has been rejected\\b"));
        Examples examples = new Examples(List.of("A caseworker decides; you can ask for a human review."),
                List.of("Your benefit application has been rejected. This decision is final.", "The tool declined you; no appeal."));
        assertEquals(List.of("norm t.norm, check rules: its forbidden patterns match none of the norm's 2 violating examples; "
                + "widen them or leave the examples to a judge check"), Detectors.problems(DetectorsTest.norm(List.of(narrow), examples)));
        Check wide = new Check(RuleDetector.NAME, Map.of("forbid_patterns", List.of("(?i)\\bdecision is final\\b", "(?i)\\bcaseworker\\b")));
        assertEquals(List.of("norm t.norm, check rules: its forbidden patterns match compliant example 1: [2,12) \"caseworker\" (forbidden: (?i)\\bcaseworker\\b)"),
                Detectors.problems(DetectorsTest.norm(List.of(wide), examples)));
        Check right = new Check(RuleDetector.NAME, Map.of("forbid_patterns", "(?i)\\bdecision is final\\b", "require_phrases", "human review"));
        assertTrue(Detectors.problems(DetectorsTest.norm(List.of(right), examples)).isEmpty(), "required phrases are not read against the examples");
    }
}
