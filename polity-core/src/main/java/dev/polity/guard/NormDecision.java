package dev.polity.guard;

import dev.polity.judge.Outcome;
import dev.polity.norms.Norm;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decision on one applicable norm: its verdict on the prompt or the answer, the detector that decided
 * it and the evidence, how an uncertain verdict was treated ({@code failMode}, null when the verdict is not
 * uncertain) and the action the norm asks for.
 */
public record NormDecision(Norm norm, Part appliesTo, Outcome verdict, double confidence, String decidedBy, String evidence,
                           FailMode failMode, Action action) {

    /** One entry of {@code polity check --json}'s {@code norms}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", norm.id());
        m.put("tier", norm.tier());
        m.put("applies_to", appliesTo.wireName());
        m.put("verdict", verdict.wireName());
        m.put("confidence", Math.round(confidence * 10_000) / 10_000.0);
        m.put("decided_by", decidedBy);
        m.put("evidence", evidence);
        m.put("fail_mode", failMode == null ? null : failMode.wireName());
        return m;
    }
}
