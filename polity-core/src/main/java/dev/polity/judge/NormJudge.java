package dev.polity.judge;

import dev.polity.input.PluginInfo;
import dev.polity.judge.embed.Recent;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.learn.AnswerFacts;
import dev.polity.judge.learn.Calibration;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.learn.NormFacts;
import dev.polity.judge.learn.NormFeatures;
import dev.polity.judge.learn.Standardizer;
import dev.polity.judge.text.LexiconMatcher;
import dev.polity.norms.Check;
import dev.polity.norms.Lexicon;
import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The in-process norm judge: whether an answer keeps a norm, from what the norm carries (statement,
 * rubric, compliant and violating examples, declared multilingual signals) and what the answer shows
 * (sentence embeddings of its parts, the refusal, derogation and personal-data detectors, lexicon
 * hits), weighed by one logistic regression trained across norms ({@link NormFeatures}) and calibrated
 * on norms held out. Below the calibrated threshold it says uncertain; when the norm has nothing to do
 * with the exchange, not applicable. An answer's facts are read once and remembered for the next norms
 * it is judged against, and a norm's once per constitution, so one answer against a context's norms
 * costs one embedding call.
 */
public final class NormJudge implements Detector {
    public static final String NAME = "norm-judge";
    public static final String DEFAULT_MODEL = "dev/polity/judge/norm-model.json";
    static final PluginInfo INFO = new PluginInfo(NAME,
            "a classifier trained across norms over the norm's examples, rubric and declared signals, sentence similarities and the refusal, derogation and PII detectors; calibrated, uncertain below its threshold",
            "logistic regression (Hastie et al., 2009, §4.4) with Platt scaling (Platt, 1999); grouped cross-validation by norm (polity judge check norms)",
            List.of(new PluginInfo.Parameter("rubric", "a text", "the norm's first rubric, else its statement", "the question the norm's examples and signals are weighed for"),
                    new PluginInfo.Parameter("min_confidence", "a number in [0, 1]", "the model's threshold",
                            "a less confident verdict is uncertain")));
    private static final int REMEMBERED = 64;
    private final JudgeModel model;
    private final FactReader reader;
    private final Standardizer standardizer;
    private final Calibration calibration;
    private final Recent<Answer, AnswerFacts> answers = new Recent<>(REMEMBERED);
    /** P(violates) and relevance per answer and norm facts (a norm's several checks ask the same), by identity. */
    private final Recent<Pair, double[]> judged = new Recent<>(4 * REMEMBERED);

    private record Pair(AnswerFacts answer, NormFacts norm) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && p.answer == answer && p.norm == norm;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(answer) + System.identityHashCode(norm);
        }
    }

    public NormJudge(JudgeModel model, FactReader reader) {
        this.model = RefusalDetector.requireCompatible(model, NAME, reader.embedder());
        if (model.calibration() == null || !NormFeatures.SPACE.equals(model.features()) || model.mean().length != NormFeatures.NAMES.size()) {
            throw new dev.polity.input.InvalidInputException("<model>", 0, "not a " + NormFeatures.SPACE + " norm-judge model; retrain it with polity judge train --detector norm");
        }
        this.reader = reader;
        this.standardizer = new Standardizer(model.mean(), model.scale());
        this.calibration = model.calibration();
    }

    /** The judge with the model shipped in Polity, trained on its development set. */
    public static NormJudge withDefaultModel(TextEmbedder embedder) {
        return new NormJudge(JudgeModel.resource(DEFAULT_MODEL), new FactReader(embedder));
    }

    public JudgeModel model() {
        return model;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Reads an answer's facts now (one embedding call), so that judging it against many norms reads nothing again. */
    public AnswerFacts read(Answer answer) {
        return answers.get(answer, reader::answer);
    }

    /** Calibrated P(violates) of an answer against a norm, as {@code check} asks. */
    public double violates(Answer answer, Norm norm, Check check) {
        return probability(NormFeatures.vector(read(answer), reader.norm(norm, check)));
    }

    double probability(double[] stance) {
        double[] z = standardizer.apply(stance);
        double s = model.bias()[1] - model.bias()[0];
        for (int j = 0; j < z.length; j++) {
            s += (model.weights()[1][j] - model.weights()[0][j]) * z[j];
        }
        return calibration.probability(s);
    }

    private static boolean judgeable(Norm norm) {
        return !norm.examples().compliant().isEmpty() || !norm.examples().violating().isEmpty() || !norm.signals().isEmpty();
    }

    /**
     * Weighs the answer against the norm as {@code check} asks and remembers it, so that judging it later costs a
     * look-up ({@link Ensemble#prepare} weighs a context's norms on every core).
     */
    public void weigh(Answer answer, Norm norm, Check check) {
        if (judgeable(norm)) {
            weighed(read(answer), reader.norm(norm, check));
        }
    }

    /** P(violates) and relevance. */
    private double[] weighed(AnswerFacts a, NormFacts n) {
        return judged.get(new Pair(a, n), k -> {
            NormFeatures.Features f = NormFeatures.of(a, n);
            return new double[] {probability(f.stance()), calibration.relevant(f.relevance())};
        });
    }

    @Override
    public Verdict judge(Answer answer, Norm norm, Check check) {
        if (!judgeable(norm)) {
            return Verdict.uncertain(0, "norm " + norm.id() + " has no examples or signals to judge by", NAME);
        }
        AnswerFacts a = read(answer);
        double[] pr = weighed(a, reader.norm(norm, check));
        double relevance = pr[1];
        if (relevance < calibration.relevanceFloor()) {
            String why = String.format(Locale.ROOT, "the exchange seems unrelated to norm %s (relevance %.2f below %.2f)", norm.id(), relevance,
                    calibration.relevanceFloor());
            return decide(0.5, relevance, calibration, norm.tier()) == Outcome.UNCERTAIN ? Verdict.uncertain(0, why + "; a " + norm.tier()
                    + " norm is not set aside on that alone", NAME) : Verdict.notApplicable(why, NAME);
        }
        double p = pr[0];
        double confidence = Math.max(p, 1 - p);
        double threshold = new CheckParams(norm, check).number("min_confidence", calibration.threshold());
        String evidence = String.format(Locale.ROOT, "P(violates) %.2f", p) + signalEvidence(a, norm);
        if (confidence < threshold) {
            if (decide(p, relevance, calibration.withThreshold(threshold), norm.tier()) == Outcome.NOT_APPLICABLE) {
                return Verdict.notApplicable(String.format(Locale.ROOT, "unsure (P(violates) %.2f) and the exchange is unlikely to concern norm %s (relevance %.2f)",
                        p, norm.id(), relevance), NAME);
            }
            return Verdict.uncertain(confidence, evidence + String.format(Locale.ROOT, " [below threshold %.2f]", threshold), NAME);
        }
        return p >= 0.5 ? Verdict.violates(confidence, evidence, NAME) : Verdict.complies(confidence, evidence, NAME);
    }

    private static String signalEvidence(AnswerFacts a, Norm norm) {
        List<String> parts = new ArrayList<>();
        for (Lexicon l : norm.signals().compliesIfPresent()) {
            Optional<LexiconMatcher.Hit> h = a.hit(l);
            parts.add(h.map(x -> l.name() + " " + RuleDetector.span(a.text().text(), x.start(), x.end())).orElse("no " + l.name()));
        }
        for (Lexicon l : norm.signals().violatesIfPresent()) {
            a.hit(l).ifPresent(x -> parts.add(l.name() + " " + RuleDetector.span(a.text().text(), x.start(), x.end())));
        }
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }

    /**
     * The verdict a calibration gives. Below the relevance floor there is no verdict: not applicable, or
     * uncertain for a law or regulation norm, whose uncertain verdicts fail closed (a gateway does not set a law
     * aside on a similarity). Below the confidence threshold, not applicable when the norm is also unlikely to
     * concern the exchange (again not for law and regulation), else uncertain.
     */
    public static Outcome decide(double pViolates, double relevance, Calibration c, String tier) {
        boolean failsClosed = tier.equals("law") || tier.equals("regulation");
        if (relevance < c.relevanceFloor()) {
            return failsClosed ? Outcome.UNCERTAIN : Outcome.NOT_APPLICABLE;
        }
        if (Math.max(pViolates, 1 - pViolates) < c.threshold()) {
            return !failsClosed && relevance < c.unsureFloor() ? Outcome.NOT_APPLICABLE : Outcome.UNCERTAIN;
        }
        return pViolates >= 0.5 ? Outcome.VIOLATES : Outcome.COMPLIES;
    }
}
