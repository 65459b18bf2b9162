package dev.polity.judge.embed;

import java.util.List;
import java.util.function.IntConsumer;

/** Turns texts into vectors. Implementations are thread-safe; closing one releases its threads. */
public interface TextEmbedder extends AutoCloseable {

    /** Names the model and the chunking; a cache or a trained model is valid only for the same id. */
    String id();

    int dimension();

    /**
     * Embeds every text, in order.
     *
     * @param progress told how many texts were finished, after each batch (for a progress bar)
     */
    List<Embedding> embed(List<String> texts, IntConsumer progress);

    default Embedding embed(String text) {
        return embed(List.of(text), n -> { }).get(0);
    }

    /** Releases threads or files the embedder holds; a no-op by default. */
    @Override
    default void close() {
    }
}
