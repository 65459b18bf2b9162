package dev.polity.judge;

import java.util.Objects;

/**
 * One detector's judgement of one answer against one norm.
 *
 * @param outcome    complies, violates, uncertain or not applicable
 * @param confidence how sure the detector is of {@code outcome}, in [0, 1]
 * @param evidence   the span of the answer that decided it, or the reason when there is no span
 * @param detector   the name of the detector that spoke (e.g. {@code rules}, {@code refusal}, {@code ensemble})
 */
public record Verdict(Outcome outcome, double confidence, String evidence, String detector) {
    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detector, "detector");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        evidence = evidence == null ? "" : evidence;
    }

    public static Verdict complies(double confidence, String evidence, String detector) {
        return new Verdict(Outcome.COMPLIES, confidence, evidence, detector);
    }

    public static Verdict violates(double confidence, String evidence, String detector) {
        return new Verdict(Outcome.VIOLATES, confidence, evidence, detector);
    }

    public static Verdict uncertain(double confidence, String reason, String detector) {
        return new Verdict(Outcome.UNCERTAIN, confidence, reason, detector);
    }

    /** The norm's check does not concern this answer (e.g. no PII pattern was asked for). */
    public static Verdict notApplicable(String reason, String detector) {
        return new Verdict(Outcome.NOT_APPLICABLE, 1.0, reason, detector);
    }
}
