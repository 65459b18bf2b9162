package dev.polity.judge.embed;

/**
 * A text in embedding space: {@code head} is the opening chunk (where a refusal usually is), {@code mean}
 * the length-weighted mean of all chunks. Both have unit length.
 */
public record Embedding(float[] head, float[] mean) {

    /**
     * Cosine similarity of two unit vectors: their dot product, summed in four float lanes so that the
     * JIT can keep the loop in vector registers (the norm judge takes thousands per answer).
     */
    public static double cosine(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (int n = a.length - 3; i < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
