package dev.polity.judge;

import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.MiniLmEmbedder;
import dev.polity.judge.embed.TextEmbedder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.norms.Check;
import dev.polity.norms.Examples;
import dev.polity.input.InvalidInputException;
import dev.polity.norms.Kind;
import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class DetectorsTest {
    static Norm norm(List<Check> checks, Examples examples) {
        return new Norm("t.norm", "a norm", Kind.MUST, "law", "topic", List.of(), null, null, null, List.of(), checks, examples, Map.of(), null);
    }

    static Check check(String detector, Map<String, Object> params) {
        return new Check(detector, params);
    }

    final RuleDetector rules = new RuleDetector();

    @Test
    void rulesForbidRequireAndPii() {
        Norm n = norm(List.of(), null);
        Verdict v = rules.judge(Answer.of("Sure, mail me at bob@example.org"), n, check("rules", Map.of("pii", List.of("email"))));
        assertEquals(Outcome.VIOLATES, v.outcome());
        assertTrue(v.evidence().contains("bob@example.org"), v.evidence());
        assertEquals(Outcome.COMPLIES, rules.judge(Answer.of("No contact details here."), n, check("rules", Map.of("pii", "all"))).outcome());
        Check disclosure = check("rules", Map.of("require_phrases", List.of("I am an AI", "I'm an AI")));
        assertEquals(Outcome.VIOLATES, rules.judge(Answer.of("Hello, I'm Sam."), n, disclosure).outcome());
        assertEquals(Outcome.COMPLIES, rules.judge(Answer.of("Hi! i'm an ai assistant."), n, disclosure).outcome());
        // Phrases match whole words only: "class" does not contain the phrase "ass".
        assertEquals(Outcome.COMPLIES, rules.judge(Answer.of("A class act."), n, check("rules", Map.of("forbid_phrases", "ass"))).outcome());
        assertEquals(Outcome.VIOLATES, rules.judge(Answer.of("Costs 100 EUR"), n, check("rules", Map.of("forbid_patterns", "\\d+ EUR"))).outcome());
        assertEquals(Outcome.NOT_APPLICABLE, rules.judge(new Answer("weather?", "x"), n,
                check("rules", Map.of("when_prompt_matches", "(?i)medic", "forbid_phrases", "x"))).outcome());
        assertEquals(Outcome.NOT_APPLICABLE, rules.judge(Answer.of("x"), n, check("rules", Map.of())).outcome());
    }

    @Test
    void aBadRuleNamesTheNorm() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> rules.judge(Answer.of("x"), norm(List.of(), null), check("rules", Map.of("forbid_patterns", "(unclosed"))));
        assertTrue(e.getMessage().contains("t.norm") && e.getMessage().contains("forbid_patterns"), e.getMessage());
    }

    @Test
    void ensembleViolationDecidesUncertaintyPropagatesUnknownDetectorIsUncertain() {
        Ensemble e = Ensemble.builder().add(rules).build();
        Check pii = check("rules", Map.of("pii", "email"));
        Check llm = check("llm", Map.of());
        Check na = check("rules", Map.of());
        assertEquals(Outcome.VIOLATES, e.judge(Answer.of("a@b.org"), norm(List.of(pii, llm), null)).outcome());
        Ensemble.Judgement j = e.judgeEach(Answer.of("nothing"), norm(List.of(pii, llm), null));
        assertEquals(Outcome.UNCERTAIN, j.overall().outcome());
        assertEquals(List.of(Outcome.COMPLIES, Outcome.UNCERTAIN), j.checks().stream().map(Verdict::outcome).toList());
        assertEquals(Outcome.COMPLIES, e.judge(Answer.of("nothing"), norm(List.of(pii, na), null)).outcome());
        assertEquals(Outcome.NOT_APPLICABLE, e.judge(Answer.of("nothing"), norm(List.of(na), null)).outcome());
        assertEquals(Outcome.NOT_APPLICABLE, e.judge(Answer.of("nothing"), norm(List.of(), null)).outcome());
    }

    @Test
    void ensembleMultipliesConfidencesOfCompliantChecks() {
        Verdict a = Verdict.complies(0.9, "", "x");
        Verdict b = Verdict.complies(0.5, "", "y");
        assertEquals(0.45, Ensemble.combine(norm(List.of(), null), List.of(a, b)).confidence(), 1e-12);
        Verdict v1 = Verdict.violates(0.6, "", "x");
        Verdict v2 = Verdict.violates(0.8, "e2", "y");
        Verdict u = Verdict.uncertain(0.3, "", "z");
        Verdict c = Ensemble.combine(norm(List.of(), null), List.of(v1, u, v2));
        assertEquals(Outcome.VIOLATES, c.outcome());
        assertEquals(0.8, c.confidence());
        assertEquals("y: e2", c.evidence());
    }

    /** A stand-in embedder: one axis per keyword, so nearest examples are known by construction. */
    static final class KeywordEmbedder implements TextEmbedder {
        final AtomicInteger calls = new AtomicInteger();
        static final List<String> WORDS = List.of("sorry", "recipe", "idiot", "weather");
        private final List<String> words;

        KeywordEmbedder() {
            this(WORDS);
        }

        /** One axis per word of {@code words} (none: every text is the empty vector). */
        KeywordEmbedder(List<String> words) {
            this.words = List.copyOf(words);
        }

        @Override
        public String id() {
            return "keywords-test";
        }

        @Override
        public int dimension() {
            return words.size();
        }

        @Override
        public List<Embedding> embed(List<String> texts, IntConsumer progress) {
            List<Embedding> out = new ArrayList<>();
            for (String t : texts) {
                calls.incrementAndGet();
                float[] v = new float[words.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = t.toLowerCase().contains(words.get(i)) ? 1 : 0;
                }
                float[] u = MiniLmEmbedder.unit(v.clone());
                out.add(new Embedding(u, u));
            }
            progress.accept(texts.size());
            return out;
        }
    }

    @Test
    void exemplarsPickTheNearerSideOrSayUncertain() {
        ExemplarDetector d = new ExemplarDetector(new KeywordEmbedder());
        Norm n = norm(List.of(), new Examples(List.of("Here is a recipe"), List.of("Sorry, I cannot")));
        Check c = check("exemplars", Map.of());
        assertEquals(Outcome.COMPLIES, d.judge(Answer.of("A recipe for soup"), n, c).outcome());
        assertEquals(Outcome.VIOLATES, d.judge(Answer.of("sorry!"), n, c).outcome());
        assertEquals(Outcome.UNCERTAIN, d.judge(Answer.of("sorry, here is a recipe"), n, c).outcome());
        assertEquals(Outcome.NOT_APPLICABLE, d.judge(Answer.of("x"), norm(List.of(), null), c).outcome());
    }

    @Test
    void cacheEmbedsEachTextOnceAndPersists(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        KeywordEmbedder inner = new KeywordEmbedder();
        CachedEmbedder c = new CachedEmbedder(inner, dir);
        List<Embedding> first = c.embed(List.of("sorry", "recipe", "sorry"), n -> { });
        assertEquals(2, inner.calls.get());
        assertEquals(first.get(0), first.get(2));
        CachedEmbedder again = new CachedEmbedder(inner, dir);
        assertEquals(2, again.size());
        again.embed(List.of("recipe", "weather"), n -> { });
        assertEquals(3, inner.calls.get());
        assertEquals(1.0f, again.embed("weather").mean()[3]);
    }

    @Test
    void verdictRejectsConfidenceOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Verdict.complies(1.5, "", "x"));
        assertThrows(IllegalArgumentException.class, () -> Verdict.complies(Double.NaN, "", "x"));
    }

    @Test
    void refusalLabelsInEveryForm() {
        assertEquals(RefusalClass.FULL_REFUSAL, RefusalClass.parse("2_full_refusal").orElseThrow());
        assertEquals(RefusalClass.PARTIAL_REFUSAL, RefusalClass.parse(" Partial Refusal ").orElseThrow());
        assertEquals(RefusalClass.FULL_COMPLIANCE, RefusalClass.parse("full-compliance").orElseThrow());
        assertTrue(RefusalClass.parse("refusal").isEmpty());
    }
}
