package dev.polity.judge.embed;

import java.util.List;

/**
 * A text to embed together with parts of it (its sentences, its turn) whose embeddings are read in the
 * text's context (late chunking: Günther et al., 2024, arXiv:2409.04701): the model reads the whole once
 * and each part is the mean of the whole's token states inside it.
 *
 * @param parts character spans of {@code text}, each {@code [start, end)}
 */
public record Passage(String text, List<Part> parts) {

    /** Characters {@code [start, end)} of the passage's text. */
    public record Part(int start, int end) {
        public Part {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("a part spans [start, end) with 0 <= start <= end, not [" + start + ", " + end + ")");
            }
        }
    }

    public Passage {
        parts = List.copyOf(parts);
        for (Part p : parts) {
            if (p.end() > text.length()) {
                throw new IllegalArgumentException("a part [" + p.start() + ", " + p.end() + ") reaches beyond a text of " + text.length() + " characters");
            }
        }
    }

    /** A text with no parts: only its whole embedding is asked for. */
    public static Passage whole(String text) {
        return new Passage(text, List.of());
    }

    public String text(Part p) {
        return text.substring(p.start(), p.end());
    }

    /**
     * What a cache files a part's embedding under: the whole text, the part's span and how parts are read
     * ({@link TextEmbedder#partReading()}), never the part's text alone, since the same sentence read in another
     * answer has another embedding.
     */
    public String key(Part p, String reading) {
        return "\u0000part " + reading + " " + p.start() + " " + p.end() + "\u0000" + text;
    }
}
