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
 * Judges an answer against a norm by running every check the norm lists, each with its detector, in
 * three stages, and combining their verdicts conjunctively (the norm holds when every check holds):
 * <ol>
 *   <li>{@code rules} checks (patterns, phrases, personal data) first; then the in-process detectors
 *   ({@code refusal}, {@code derogation}, {@code exemplars}, {@code norm-judge}); then {@code llm-judge}
 *   checks, which are not asked once an earlier stage found a violation;</li>
 *   <li>whether a {@code rules} check's required phrase is there is decided by the {@code norm-judge}, when
 *   the ensemble has one, and by the phrase list only when the norm judge does not decide (what the
 *   check forbids is still checked by the rules);</li>
 *   <li>an {@code llm-judge} check is decided by the in-process {@code norm-judge} first, when the
 *   ensemble has one, and goes to the LLM judge (when configured) only when the norm judge is uncertain;
 *   without an LLM judge the norm judge's verdict stands;</li>
 *   <li>checks that are not applicable are set aside; if none is left, the norm is not applicable;</li>
 *   <li>any violation decides: violates, with the most confident violation as evidence;</li>
 *   <li>otherwise any uncertain check makes the whole uncertain (uncertainty propagates; the least
 *       confident check is the evidence);</li>
 *   <li>otherwise complies, with the product of the confidences (checks taken as independent).</li>
 * </ol>
 * Every verdict names the detector that decided it, the overall one too. A check naming a detector that
 * is not registered is uncertain, not an error, and so is a detector that fails at run time; a
 * malformed check is the constitution author's mistake and is thrown.
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
        List<Check> checks = norm.checks();
        readFirst(answer, checks);
        Verdict[] parts = new Verdict[checks.size()];
        Verdict violation = null;
        for (int stage = 0; stage < 3; stage++) {
            for (int i = 0; i < parts.length; i++) {
                Check c = checks.get(i);
                if (stage(c) != stage) {
                    continue;
                }
                if (stage == 2 && violation != null) {
                    parts[i] = Verdict.notApplicable("not asked: " + violation.detector() + " already found a violation", c.detector());
                    continue;
                }
                parts[i] = decide(answer, norm, c);
                if (parts[i].outcome() == Outcome.VIOLATES && violation == null) {
                    violation = parts[i];
                }
            }
        }
        List<Verdict> list = List.of(parts);
        return new Judgement(combine(norm, list), list);
    }

    /**
     * Gets ready to judge one answer against many norms (a context's): the norm judge reads the answer once and
     * weighs it against every norm it will be asked about, the norms spread over the cores (a parallel stream on
     * the common pool); {@link #judgeEach} then finds each result remembered. The verdicts are the same with or
     * without it; only the wait shrinks (docs/PERFORMANCE.md, "Norm judge"). A failure here is left to
     * {@link #judgeEach}, which meets it again and reports it in the verdict.
     */
    public void prepare(Answer answer, List<Norm> norms) {
        if (!(detectors.get(NormJudge.NAME) instanceof NormJudge judge)) {
            return;
        }
        List<Map.Entry<Norm, Check>> asked = new ArrayList<>();
        for (Norm n : norms) {
            for (Check c : n.checks()) {
                if (toNormJudge(answer, c)) {
                    asked.add(Map.entry(n, c));
                }
            }
        }
        if (asked.isEmpty() || !readFirst(judge, answer)) {
            return;
        }
        asked.parallelStream().forEach(e -> {
            try {
                judge.weigh(answer, e.getKey(), e.getValue());
            } catch (RuntimeException failed) {
                // judgeEach meets the same failure and reports it in its verdict
            }
        });
    }

    /** Whether {@link #decide} asks the norm judge about this check of this answer. */
    private boolean toNormJudge(Answer answer, Check c) {
        boolean asks = c.detector().equals(NormJudge.NAME) || c.detector().equals(LlmJudge.NAME) || requirementForNormJudge(c);
        return asks && detectors.containsKey(NormJudge.NAME) && promptGate(answer, c) == null;
    }

    /** A {@code rules} check whose required phrase the norm judge decides ({@link #requirement}). */
    private boolean requirementForNormJudge(Check c) {
        return c.detector().equals(RuleDetector.NAME) && detectors.containsKey(NormJudge.NAME) && detectors.containsKey(RuleDetector.NAME)
                && REQUIREMENTS.stream().anyMatch(c.params()::containsKey);
    }

    /**
     * When the norm judge will be asked, it reads the answer first: all the texts it needs (the whole, its
     * sentences, its turn, its prompt) go to the embedder in one call, which spreads them over the cores, and the
     * refusal, derogation and exemplar detectors then find the whole answer's embedding in the shared cache. Left to
     * the detectors' order, the refusal detector embeds the whole answer alone, on one core while the other idles,
     * before the norm judge embeds the rest. The judge remembers what it read, so the norms after the first read
     * nothing.
     */
    private void readFirst(Answer answer, List<Check> checks) {
        if (detectors.get(NormJudge.NAME) instanceof NormJudge judge && checks.stream().anyMatch(c -> toNormJudge(answer, c))) {
            readFirst(judge, answer);
        }
    }

    /** Reads the answer; false when that fails (each detector that needs the answer meets the failure and reports it). */
    private static boolean readFirst(NormJudge judge, Answer answer) {
        try {
            judge.read(answer);
            return true;
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** 0: rules; 1: the in-process detectors; 2: the LLM judge. */
    static int stage(Check c) {
        return switch (c.detector()) {
            case RuleDetector.NAME -> 0;
            case LlmJudge.NAME -> 2;
            default -> 1;
        };
    }

    private Verdict decide(Answer answer, Norm norm, Check c) {
        String gate = promptGate(answer, c);
        if (gate != null) {
            return Verdict.notApplicable(gate, c.detector());
        }
        if (requirementForNormJudge(c)) {
            return requirement(answer, norm, c);
        }
        if (c.detector().equals(LlmJudge.NAME) && detectors.containsKey(NormJudge.NAME)) {
            Verdict v = run(detectors.get(NormJudge.NAME), answer, norm, c);
            Detector llm = detectors.get(LlmJudge.NAME);
            return v.outcome() != Outcome.UNCERTAIN || llm == null ? v : run(llm, answer, norm, c);
        }
        Detector d = detectors.get(c.detector());
        if (d == null) {
            return Verdict.uncertain(0, "no detector named '" + c.detector() + "' is registered", c.detector());
        }
        return run(d, answer, norm, c);
    }

    /** The parameters of a {@code rules} check that require a phrase or pattern to be present. */
    static final List<String> REQUIREMENTS = List.of("require_phrases", "require_patterns");

    /**
     * A {@code rules} check that requires a phrase (a disclosure, a note): what it forbids is checked by the
     * rules, but whether the requirement is met is decided by the norm judge, which reads a reworded
     * disclosure or a note in another language that a phrase list misses (measured on the development set:
     * docs/JUDGING.md); only when the norm judge does not decide does the phrase list.
     */
    private Verdict requirement(Answer answer, Norm norm, Check c) {
        Map<String, Object> rest = new LinkedHashMap<>(c.params());
        REQUIREMENTS.forEach(rest::remove);
        Detector rules = detectors.get(RuleDetector.NAME);
        Verdict forbidden = run(rules, answer, norm, new Check(c.detector(), rest));
        if (forbidden.outcome() == Outcome.VIOLATES) {
            return forbidden;
        }
        Verdict judged = run(detectors.get(NormJudge.NAME), answer, norm, c);
        if (judged.outcome() == Outcome.COMPLIES || judged.outcome() == Outcome.VIOLATES) {
            return judged;
        }
        return run(rules, answer, norm, c);
    }

    private static Verdict run(Detector d, Answer answer, Norm norm, Check c) {
        try {
            return d.judge(answer, norm, c);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            return Verdict.uncertain(0, "detector failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), d.name());
        }
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
            return Verdict.violates(strongestViolation.confidence(), strongestViolation.detector() + ": " + strongestViolation.evidence(),
                    strongestViolation.detector());
        }
        if (weakestUncertain != null) {
            return Verdict.uncertain(weakestUncertain.confidence(), weakestUncertain.detector() + ": " + weakestUncertain.evidence(),
                    weakestUncertain.detector());
        }
        String by = String.join("+", applicable.stream().map(Verdict::detector).distinct().toList());
        return Verdict.complies(product, applicable.size() + " of " + parts.size() + " checks comply", by);
    }
}
