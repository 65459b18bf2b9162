package dev.polity.judge.embed;

/**
 * A text in embedding space: {@code head} is the opening chunk (where a refusal usually is), {@code mean}
 * the length-weighted mean of all chunks. Both have unit length.
 */
public record Embedding(float[] head, float[] mean) {

    /** Cosine similarity of two unit vectors. */
    public static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
