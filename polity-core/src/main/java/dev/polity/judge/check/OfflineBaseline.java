package dev.polity.judge.check;

import dev.polity.judge.Answer;
import dev.polity.judge.Detector;
import dev.polity.judge.Detectors;
import dev.polity.judge.Ensemble;
import dev.polity.judge.NormJudge;
import dev.polity.judge.Outcome;
import dev.polity.judge.RuleDetector;
import dev.polity.judge.Verdict;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.train.NormHeldOut;
import dev.polity.judge.train.NormItem;
import dev.polity.norms.Check;
import dev.polity.norms.Constitution;
import dev.polity.norms.Norm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the offline detectors decide on the same items, as each norm's checks ask, without an LLM judge:
 * before the norm judge (rules, refusal, derogation, exemplars; {@code llm-judge} checks stay uncertain)
 * and with it in the ensemble (its held-out verdicts); and, on the norms whose {@code rules} check
 * requires a phrase (a disclosure, a note), that rules check alone against the norm judge alone.
 */
final class OfflineBaseline {
    private static final List<String> BEFORE = List.of("rules", "refusal", "derogation", "exemplars");

    /** Rows as {@link NormDevCheck.Row}: items, decided, right (full-coverage accuracy is not defined here and left 0). */
    public record Comparison(NormDevCheck.Row before, NormDevCheck.Row after, NormDevCheck.Row requiredPhraseRules, NormDevCheck.Row requiredPhraseJudge) {
    }

    private OfflineBaseline() {
    }

    static Comparison compare(NormHeldOut h, Constitution constitution, TextEmbedder embedder) {
        Map<String, Norm> norms = constitution.byId();
        Detectors.Materials m = new Detectors.Materials(() -> embedder, () -> null);
        Ensemble.Builder b = Ensemble.builder();
        BEFORE.forEach(name -> Detectors.create(name, m).ifPresent(b::add));
        // before the norm judge, a check naming it did not exist: set aside, as if the norm did not list it
        Ensemble before = b.add(stub((answer, norm, check) -> Verdict.notApplicable("not there before", NormJudge.NAME))).build();
        Map<String, Verdict> heldOut = new HashMap<>();
        for (int i = 0; i < h.items().size(); i++) {
            NormItem it = h.items().get(i);
            double p = h.violates()[i];
            heldOut.put(key(it.norm(), it.prompt(), it.answer()), new Verdict(h.outcome().get(i), Math.max(p, 1 - p), "held out", NormJudge.NAME));
        }
        Ensemble after = b.add(stub((answer, norm, check) -> heldOut.get(key(norm.id(), answer.prompt(), answer.text())))).build();
        int[] beforeCount = new int[3];
        int[] afterCount = new int[3];
        int[] rulesCount = new int[3];
        int[] judgeCount = new int[3];
        RuleDetector rules = new RuleDetector();
        for (int i = 0; i < h.items().size(); i++) {
            NormItem it = h.items().get(i);
            Norm n = norms.get(it.norm());
            Answer a = new Answer(it.prompt(), it.answer());
            count(beforeCount, before.judge(a, n).outcome(), it.violates());
            count(afterCount, after.judge(a, n).outcome(), it.violates());
            Check required = n.checks().stream().filter(c -> c.detector().equals(RuleDetector.NAME)
                    && (c.params().containsKey("require_phrases") || c.params().containsKey("require_patterns"))).findFirst().orElse(null);
            if (required != null) {
                count(rulesCount, rules.judge(a, n, required).outcome(), it.violates());
                count(judgeCount, h.outcome().get(i), it.violates());
            }
        }
        return new Comparison(row("offline detectors, before", beforeCount), row("offline detectors with the norm judge", afterCount),
                row("required-phrase rules alone", rulesCount), row("norm judge alone, same items", judgeCount));
    }

    /** How a stand-in judges. */
    private interface Answers {
        Verdict judge(Answer answer, Norm norm, Check check);
    }

    /** A detector named {@code norm-judge} that answers as told. */
    private static Detector stub(Answers answers) {
        return new Detector() {
            @Override
            public String name() {
                return NormJudge.NAME;
            }

            @Override
            public Verdict judge(Answer answer, Norm norm, Check check) {
                return answers.judge(answer, norm, check);
            }
        };
    }

    private static String key(String norm, String prompt, String answer) {
        return norm + "\u0000" + prompt + "\u0000" + answer;
    }

    private static void count(int[] c, Outcome o, boolean violates) {
        c[0]++;
        if (NormDevCheck.decides(o)) {
            c[1]++;
            c[2] += (o == Outcome.VIOLATES) == violates ? 1 : 0;
        }
    }

    private static NormDevCheck.Row row(String key, int[] c) {
        return new NormDevCheck.Row(key, c[0], c[1], c[2], 0);
    }
}
