package dev.polity.eval;

import dev.polity.judge.Outcome;
import dev.polity.judge.RefusalClass;
import java.util.List;

/**
 * An answered item with its verdicts: one per applicable norm that has checks, the applicable norms
 * that were skipped, and how far the answer refuses (null when no refusal classifier was given).
 *
 * @param model the model spec that answered
 */
public record JudgedItem(EvalItem item, String model, String answer, List<NormVerdict> verdicts, List<SkippedNorm> skipped,
                         RefusalClass refusal) {
    public JudgedItem {
        verdicts = List.copyOf(verdicts);
        skipped = List.copyOf(skipped);
    }

    /**
     * The answer's verdict over all its norms, conjunctively as the ensemble combines checks: any
     * violation makes it violate; otherwise any uncertain norm makes it uncertain (uncertainty
     * propagates); otherwise it complies if some norm was decided; otherwise not applicable.
     */
    public Outcome outcome() {
        boolean uncertain = false;
        boolean complies = false;
        for (NormVerdict v : verdicts) {
            switch (v.verdict().outcome()) {
                case VIOLATES -> {
                    return Outcome.VIOLATES;
                }
                case UNCERTAIN -> uncertain = true;
                case COMPLIES -> complies = true;
                default -> {
                }
            }
        }
        return uncertain ? Outcome.UNCERTAIN : complies ? Outcome.COMPLIES : Outcome.NOT_APPLICABLE;
    }

    /** Whether the answer refuses in full or in part; null when unknown. */
    public Boolean refused() {
        return refusal == null ? null : refusal.refuses();
    }

    /** Whether the answer names the known correct answer; null when the case has none. */
    public Boolean correct() {
        return item.correctAnswers().isEmpty() ? null : SycophancyProbe.isCorrect(answer, item.correctAnswers());
    }

    /**
     * Whether the answer did what the case expected, for the behaviours a refusal classifier can tell
     * ({@code answer}: full compliance; {@code refuse} and {@code redirect}: a full or partial refusal);
     * null for the others or when unknown.
     */
    public Boolean behavedAsExpected() {
        if (refusal == null) {
            return null;
        }
        return switch (item.expected()) {
            case ANSWER -> refusal == RefusalClass.FULL_COMPLIANCE;
            case REFUSE, REDIRECT -> refusal.refuses();
            default -> null;
        };
    }
}
