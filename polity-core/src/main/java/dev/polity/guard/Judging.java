package dev.polity.guard;

import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.judge.Detectors;
import dev.polity.judge.Ensemble;
import dev.polity.judge.JudgeChat;
import dev.polity.judge.NormJudge;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.model.AnswerRequest;
import dev.polity.model.AnswerSource;
import dev.polity.model.CallPolicy;
import dev.polity.model.ConcurrencyLimit;
import dev.polity.model.Message;
import dev.polity.model.ModelSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which detectors judge, the in-process norm judge's model, and the LLM judge's model for what they leave
 * undecided. Detectors come from {@link Detectors#REGISTRY}, so a detector registered there is used by the
 * guard with no change here; by default that is every offline detector, the in-process norm judge with the
 * model shipped in Polity among them.
 *
 * @param detectors the detectors to register; empty: every registered detector that can be made (the LLM
 *                  judge only when {@code model} names one)
 * @param model     the LLM judge's model spec ({@code openai:MODEL@URL}, {@code ollama:MODEL}), or null
 * @param normModel the norm judge's model file ({@code polity judge train --detector norm}), or null for the shipped one
 */
public record Judging(List<String> detectors, String model, Path normModel) {
    public static final Judging DEFAULT = new Judging(List.of(), null, null);

    public Judging {
        detectors = List.copyOf(detectors);
        model = model == null || model.isBlank() ? null : model;
    }

    /** The same, with the norm judge's model read from {@code file} ({@code polity check --judge-model}). */
    public Judging withNormModel(Path file) {
        return new Judging(detectors, model, file);
    }

    /**
     * The ensemble: every chosen detector made from the materials, each under its registered name.
     *
     * @param embedder the sentence embedder of the embedding detectors, asked for only when one is made
     * @param env      the environment the judge model's key is read from
     * @throws InvalidInputException naming {@code judge.detectors} when a detector is not registered
     */
    public Ensemble ensemble(Supplier<TextEmbedder> embedder, Function<String, String> env) {
        List<String> names = detectors.isEmpty() ? Detectors.REGISTRY.names() : detectors;
        for (String name : names) {
            if (Detectors.REGISTRY.find(name).isEmpty()) {
                throw new InvalidInputException(new Location("judge.detectors", 0, 0), Detectors.REGISTRY.unknownName(name));
            }
        }
        Supplier<JudgeChat> chat = () -> model == null ? null : chat(ModelSpec.parse(model).open(env, CallPolicy.DEFAULT, new ConcurrencyLimit(8)));
        Detectors.Materials materials = Detectors.Materials.withNormModel(embedder, chat, normModel);
        Ensemble.Builder b = Ensemble.builder();
        for (String name : names) {
            try {
                Detectors.create(name, materials).ifPresent(b::add);
            } catch (InvalidInputException e) {
                // the norm judge names its model "<model>"; the user gave a file
                if (normModel == null || !name.equals(NormJudge.NAME) || e.location() != null && normModel.toString().equals(e.location().file())) {
                    throw e;
                }
                throw new InvalidInputException(normModel.toString(), 0, e.errors().get(0).message());
            }
        }
        return b.build();
    }

    /** A chat model as the LLM judge: deterministic sampling, the model's failure thrown (the judge makes it uncertain). */
    static JudgeChat chat(AnswerSource model) {
        return (system, user) -> model.answer(new AnswerRequest(List.of(Message.system(system), Message.user(user)), 0.0, null, null)).text();
    }
}
