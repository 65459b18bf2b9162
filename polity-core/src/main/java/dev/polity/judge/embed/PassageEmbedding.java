package dev.polity.judge.embed;

import java.util.List;

/**
 * A passage in embedding space: its whole text's embedding (what {@link TextEmbedder#embed(String)} gives
 * for the text) and one unit vector per part, in the passage's order.
 */
public record PassageEmbedding(Embedding whole, List<float[]> parts) {
    public PassageEmbedding {
        parts = List.copyOf(parts);
    }
}
