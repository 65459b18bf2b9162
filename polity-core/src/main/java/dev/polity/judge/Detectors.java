package dev.polity.judge;

import dev.polity.input.PluginRegistry;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.norms.Check;
import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The detectors Polity knows, each registered once with its description ({@code INFO} on its class) and
 * how it is made. A new detector is one class implementing {@link Detector} with an {@code INFO}, and one
 * line here; a suite's {@code judge.detectors}, {@code polity norms lint}, {@code --help} and the docs'
 * tables (docs/JUDGING.md, docs/CONSTITUTION.md) all read this list.
 */
public final class Detectors {
    /**
     * What making a detector may need, each made only when a detector asks for it.
     *
     * @param judgeChat the LLM judge's model; it gives null when the suite names none (then there is no {@code llm-judge})
     * @param normModel the norm judge's trained model ({@code polity check --judge-model}, say); by default the one shipped
     */
    public record Materials(Supplier<TextEmbedder> embedder, Supplier<JudgeChat> judgeChat, Supplier<JudgeModel> normModel) {
        /** With the norm judge's shipped model. */
        public Materials(Supplier<TextEmbedder> embedder, Supplier<JudgeChat> judgeChat) {
            this(embedder, judgeChat, () -> JudgeModel.resource(NormJudge.DEFAULT_MODEL));
        }

        /** With the norm judge's model read from {@code normModel} ({@code polity judge train --detector norm}), or the shipped one when null. */
        public static Materials withNormModel(Supplier<TextEmbedder> embedder, Supplier<JudgeChat> judgeChat, java.nio.file.Path normModel) {
            return normModel == null ? new Materials(embedder, judgeChat) : new Materials(embedder, judgeChat, () -> JudgeModel.read(normModel));
        }
    }

    /** Makes a detector from the materials; null when it cannot be made from them. */
    public static final PluginRegistry<Function<Materials, Detector>> REGISTRY = new PluginRegistry<>("detector", Ensemble.COMMON_PARAMETERS, List.of(
            PluginRegistry.entry(RuleDetector.INFO, m -> new RuleDetector()),
            PluginRegistry.entry(RefusalDetector.INFO, m -> RefusalDetector.withDefaultModel(m.embedder().get())),
            PluginRegistry.entry(DerogationDetector.INFO, m -> DerogationDetector.withDefaultModel(m.embedder().get())),
            PluginRegistry.entry(ExemplarDetector.INFO, m -> new ExemplarDetector(m.embedder().get())),
            PluginRegistry.entry(NormJudge.INFO, m -> new NormJudge(m.normModel().get(), new FactReader(m.embedder().get()))),
            PluginRegistry.entry(LlmJudge.INFO, m -> Optional.ofNullable(m.judgeChat().get()).map(LlmJudge::new).orElse(null))));

    /** The detectors that judge by a norm's examples (the LLM judge is shown them too). */
    static final List<String> JUDGES = List.of(NormJudge.NAME, LlmJudge.NAME, ExemplarDetector.NAME);
    /** Fewer examples of a kind than this and a judge check has too little to go by (issue 11, item 3). */
    public static final int MIN_EXAMPLES = 2;

    private Detectors() {
    }

    /**
     * The detector registered as {@code name}, made from {@code materials}; empty when the materials cannot
     * make it (no judge model for {@code llm-judge}).
     *
     * @throws IllegalArgumentException when no detector is registered as {@code name}
     */
    public static Optional<Detector> create(String name, Materials materials) {
        var entry = REGISTRY.find(name).orElseThrow(() -> new IllegalArgumentException(REGISTRY.unknownName(name)));
        return Optional.ofNullable(entry.make().apply(materials));
    }

    /**
     * What is wrong with a norm's checks: a detector that is not registered, a parameter its detector
     * does not read (a misspelling would otherwise be ignored when answers are judged), or a judge check
     * (norm-judge, llm-judge, exemplars) on a norm with fewer than two compliant or two violating examples.
     * One line each, naming the norm; what lint warns about.
     */
    public static List<String> problems(Norm norm) {
        List<String> out = new ArrayList<>();
        List<String> judges = norm.checks().stream().map(Check::detector).filter(JUDGES::contains).distinct().toList();
        int compliant = norm.examples().compliant().size();
        int violating = norm.examples().violating().size();
        if (!judges.isEmpty() && (compliant < MIN_EXAMPLES || violating < MIN_EXAMPLES)) {
            out.add("norm " + norm.id() + ": a " + String.join(" or ", judges) + " check judges by the norm's examples; give it at least "
                    + MIN_EXAMPLES + " compliant and " + MIN_EXAMPLES + " violating examples (it has " + compliant + " and " + violating + ")");
        }
        for (Check c : norm.checks()) {
            if (REGISTRY.find(c.detector()).isEmpty()) {
                out.add("norm " + norm.id() + ": no detector named '" + c.detector() + "'; known: "
                        + String.join(", ", new TreeSet<>(REGISTRY.names())));
                continue;
            }
            for (String problem : REGISTRY.unknownParameters(c.detector(), c.params().keySet())) {
                out.add("norm " + norm.id() + ", check " + c.detector() + ": " + problem);
            }
            if (c.detector().equals(RuleDetector.NAME)) {
                out.addAll(forbiddenAgainstExamples(norm, c));
            }
        }
        return out;
    }

    /**
     * A rules check's forbidden patterns and phrases read against the norm's own examples: one that a compliant
     * example says would block answers the norm asks for, and one that none of the violating examples says
     * catches nothing the norm's authors thought of (a pattern narrower than its examples).
     */
    private static List<String> forbiddenAgainstExamples(Norm norm, Check check) {
        Map<String, Object> forbid = new LinkedHashMap<>();
        for (String key : List.of("forbid_patterns", "forbid_phrases")) {
            if (check.params().containsKey(key)) {
                forbid.put(key, check.params().get(key));
            }
        }
        if (forbid.isEmpty()) {
            return List.of();
        }
        Check only = new Check(RuleDetector.NAME, forbid);
        RuleDetector rules = new RuleDetector();
        List<String> out = new ArrayList<>();
        List<String> compliant = norm.examples().compliant();
        for (int i = 0; i < compliant.size(); i++) {
            Verdict v = rules.judge(Answer.of(compliant.get(i)), norm, only);
            if (v.outcome() == Outcome.VIOLATES) {
                out.add("norm " + norm.id() + ", check rules: its forbidden patterns match compliant example " + (i + 1) + ": " + v.evidence());
            }
        }
        List<String> violating = norm.examples().violating();
        if (!violating.isEmpty() && violating.stream().noneMatch(t -> rules.judge(Answer.of(t), norm, only).outcome() == Outcome.VIOLATES)) {
            out.add("norm " + norm.id() + ", check rules: its forbidden patterns match none of the norm's " + violating.size()
                    + " violating examples; widen them or leave the examples to a judge check");
        }
        return out;
    }
}
