package dev.polity.eval;

import java.util.List;
import java.util.Map;

/**
 * How the runner judges answers.
 *
 * @param detectors the detectors to register (empty: the standard set)
 * @param model     the model spec of the LLM judge ({@code llm-judge} checks), or null: such checks are uncertain
 * @param params    anything else, passed through to the runner as written
 */
record JudgeSettings(List<String> detectors, String model, Map<String, Object> params) {
    public static final JudgeSettings DEFAULT = new JudgeSettings(List.of(), null, Map.of());

    public JudgeSettings {
        detectors = List.copyOf(detectors);
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
