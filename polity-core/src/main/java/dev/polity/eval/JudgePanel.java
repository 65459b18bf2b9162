package dev.polity.eval;

import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.judge.Detector;
import dev.polity.judge.Detectors;
import dev.polity.judge.Ensemble;
import dev.polity.judge.JudgeChat;
import dev.polity.judge.RefusalDetector;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.model.AnswerRequest;
import dev.polity.model.AnswerSource;
import dev.polity.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The detectors a run judges with, made from {@link Detectors#REGISTRY} under the names a constitution's
 * checks use, and the refusal classifier behind the over-refusal, counterfactual and behaviour figures. A
 * suite's {@code judge.detectors} chooses among them (none listed: all of them); {@code llm-judge} is
 * registered only when {@code judge.model} names the model that judges.
 */
public final class JudgePanel implements AutoCloseable {
    private final Ensemble ensemble;
    private final RefusalClassifier refusal;
    private final TextEmbedder embedder;
    private final AnswerSource judgeModel;

    private JudgePanel(Ensemble ensemble, RefusalClassifier refusal, TextEmbedder embedder, AnswerSource judgeModel) {
        this.ensemble = ensemble;
        this.refusal = refusal;
        this.embedder = embedder;
        this.judgeModel = judgeModel;
    }

    /** A panel of the given ensemble and refusal classifier (null: no refusal figures). */
    public static JudgePanel of(Ensemble ensemble, RefusalClassifier refusal) {
        return new JudgePanel(ensemble, refusal, null, null);
    }

    /**
     * The panel a suite asks for.
     *
     * @param embedder    the sentence embedder of the refusal, derogation and exemplar detectors, made once when first needed
     * @param judgeModels opens the LLM judge's model from the suite's {@code judge.model} spec
     * @throws InvalidInputException naming the suite when it lists a detector Polity does not know
     */
    public static JudgePanel forSuite(Suite suite, Supplier<TextEmbedder> embedder, Function<String, AnswerSource> judgeModels) {
        List<String> wanted = suite.judge().detectors().isEmpty() ? Detectors.REGISTRY.names() : suite.judge().detectors();
        for (String name : wanted) {
            if (Detectors.REGISTRY.find(name).isEmpty()) {
                throw new InvalidInputException(new Location(suite.file().toString(), 0, 0),
                        "judge.detectors: " + Detectors.REGISTRY.unknownName(name));
            }
        }
        TextEmbedder e = embedder.get();
        AnswerSource[] judgeModel = new AnswerSource[1];
        Supplier<JudgeChat> judgeChat = () -> {
            if (suite.judge().model() == null) {
                return null;
            }
            judgeModel[0] = judgeModels.apply(suite.judge().model());
            return chat(judgeModel[0]);
        };
        Detectors.Materials materials = new Detectors.Materials(() -> e, judgeChat);
        Ensemble.Builder b = Ensemble.builder();
        RefusalDetector refusal = null;
        for (String name : wanted) {
            Optional<Detector> d = Detectors.create(name, materials);
            d.ifPresent(b::add);
            if (d.orElse(null) instanceof RefusalDetector r) {
                refusal = r;
            }
        }
        // the refusal figures need the classifier whether or not norms check refusals
        return new JudgePanel(b.build(), RefusalClassifier.of(refusal != null ? refusal : RefusalDetector.withDefaultModel(e)), e, judgeModel[0]);
    }

    /** A chat model as the LLM judge's {@link JudgeChat}: deterministic sampling, the model's failure thrown. */
    public static JudgeChat chat(AnswerSource model) {
        return (system, user) -> model.answer(new AnswerRequest(List.of(Message.system(system), Message.user(user)), 0.0, null, null)).text();
    }

    public Ensemble ensemble() {
        return ensemble;
    }

    public RefusalClassifier refusal() {
        return refusal;
    }

    /** Embeds a batch of answers at once (the embedder remembers them), so judging them one by one is quick. */
    void warm(List<String> texts) {
        if (embedder != null && !texts.isEmpty()) {
            embedder.embed(new ArrayList<>(texts), n -> { });
        }
    }

    @Override
    public void close() {
        if (judgeModel != null) {
            judgeModel.close();
        }
    }
}
