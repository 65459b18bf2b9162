package dev.polity.model;

/**
 * Where answers to prompts come from: a live model behind an API, or recorded transcripts. Implementations
 * are safe to call from several threads at once.
 */
public interface AnswerSource extends AutoCloseable {

    /** The source as a spec string (no secrets), recorded in a run's provenance and mixed into request hashes. */
    String name();

    /**
     * Answers one request.
     *
     * @throws AnswerUnavailableException when no answer could be had (after any retries)
     */
    Answer answer(AnswerRequest request);

    @Override
    default void close() {
    }
}
