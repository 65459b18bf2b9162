package dev.polity.judge;

import dev.polity.input.InvalidInputException;
import dev.polity.input.PluginInfo;
import dev.polity.norms.Check;
import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges an answer against a norm by running every check the norm lists, each with its detector, and
 * combining their verdicts conjunctively (the norm holds when every check holds):
 * <ol>
 *   <li>checks that are not applicable are set aside; if none is left, the norm is not applicable;</li>
 *   <li>any violation decides: violates, with the most confident violation as evidence;</li>
 *   <li>otherwise any uncertain check makes the whole uncertain (uncertainty propagates; the least
 *       confident check is the evidence);</li>
 *   <li>otherwise complies, with the product of the confidences (checks taken as independent).</li>
 * </ol>
 * A check naming a detector that is not registered (e.g. {@code llm} before an LLM judge is added) is
 * uncertain, not an error, and so is a detector that fails at run time; a malformed check is the
 * constitution author's mistake and is thrown.
 */
public final class Ensemble {
    public static final String NAME = "ensemble";
    /** Parameters every check may carry, whatever its detector; the ensemble reads them itself ({@link #promptGate}). */
    public static final List<PluginInfo.Parameter> COMMON_PARAMETERS = List.of(
            new PluginInfo.Parameter("when_prompt_matches", "a pattern or a list of patterns", null,
                    "the check concerns only answers to prompts that match one (any case); to others it is not applicable"),
            new PluginInfo.Parameter("first_turn_only", "true or false", "false",
                    "the check is not applicable to later turns (a disclosure owed when a conversation starts)"));
    private final Map<String, Detector> detectors;

    private Ensemble(Map<String, Detector> detectors) {
        this.detectors = Map.copyOf(detectors);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Detector> detectors = new LinkedHashMap<>();

        /** Registers a detector under its name; a later one of the same name replaces the earlier. */
        public Builder add(Detector d) {
            detectors.put(d.name(), d);
            return this;
        }

        public Ensemble build() {
            return new Ensemble(detectors);
        }
    }

    /** The overall verdict and one verdict per check, in the norm's order. */
    public record Judgement(Verdict overall, List<Verdict> checks) {
    }

    public Verdict judge(Answer answer, Norm norm) {
        return judgeEach(answer, norm).overall();
    }

    public Judgement judgeEach(Answer answer, Norm norm) {
        List<Verdict> parts = new ArrayList<>();
        for (Check c : norm.checks()) {
            Detector d = detectors.get(c.detector());
            if (d == null) {
                parts.add(Verdict.uncertain(0, "no detector named '" + c.detector() + "' is registered", c.detector()));
                continue;
            }
            String gate = promptGate(answer, c);
            if (gate != null) {
                parts.add(Verdict.notApplicable(gate, c.detector()));
                continue;
            }
            try {
                parts.add(d.judge(answer, norm, c));
            } catch (InvalidInputException e) {
                throw e;
            } catch (RuntimeException e) {
                parts.add(Verdict.uncertain(0, "detector failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), c.detector()));
            }
        }
        return new Judgement(combine(norm, parts), List.copyOf(parts));
    }

    /**
     * A check may say when it concerns an answer at all: {@code when_prompt_matches} (a pattern or a list
     * of patterns, case-insensitive) makes it not applicable to answers whose prompt matches none, and
     * {@code first_turn_only: true} (a disclosure owed when a conversation starts) to later turns.
     * Returns the reason when the check does not apply, null when it does.
     */
    public static String promptGate(Answer answer, Check c) {
        if (Boolean.parseBoolean(String.valueOf(c.params().get("first_turn_only"))) && answer.turn() > 1) {
            return "first_turn_only: this is turn " + answer.turn();
        }
        Object v = c.params().get("when_prompt_matches");
        if (v == null) {
            return null;
        }
        List<String> patterns = v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v));
        String prompt = answer.prompt() == null ? "" : answer.prompt();
        for (String p : patterns) {
            if (GATES.computeIfAbsent(p, k -> java.util.regex.Pattern.compile(k, java.util.regex.Pattern.CASE_INSENSITIVE
                    | java.util.regex.Pattern.UNICODE_CASE)).matcher(prompt).find()) {
                return null;
            }
        }
        return "prompt does not match " + patterns;
    }

    private static final Map<String, java.util.regex.Pattern> GATES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The conjunctive combination described on the class. */
    public static Verdict combine(Norm norm, List<Verdict> parts) {
        List<Verdict> applicable = parts.stream().filter(v -> v.outcome() != Outcome.NOT_APPLICABLE).toList();
        if (applicable.isEmpty()) {
            return Verdict.notApplicable(parts.isEmpty() ? "norm " + norm.id() + " lists no checks" : "no check applies", NAME);
        }
        Verdict strongestViolation = null;
        Verdict weakestUncertain = null;
        double product = 1;
        for (Verdict v : applicable) {
            switch (v.outcome()) {
                case VIOLATES -> {
                    if (strongestViolation == null || v.confidence() > strongestViolation.confidence()) {
                        strongestViolation = v;
                    }
                }
                case UNCERTAIN -> {
                    if (weakestUncertain == null || v.confidence() < weakestUncertain.confidence()) {
                        weakestUncertain = v;
                    }
                }
                default -> product *= v.confidence();
            }
        }
        if (strongestViolation != null) {
            return Verdict.violates(strongestViolation.confidence(), strongestViolation.detector() + ": " + strongestViolation.evidence(), NAME);
        }
        if (weakestUncertain != null) {
            return Verdict.uncertain(weakestUncertain.confidence(), weakestUncertain.detector() + ": " + weakestUncertain.evidence(), NAME);
        }
        return Verdict.complies(product, applicable.size() + " of " + parts.size() + " checks comply", NAME);
    }
}
