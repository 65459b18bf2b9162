package dev.polity.judge.learn;

import dev.polity.judge.embed.Embedding;

/** How an answer becomes a feature vector for a trained detector; a model records the space it was trained in. */
public enum FeatureSpace {
    /** Opening-chunk and mean embeddings plus refusal cues. */
    REFUSAL_V1("refusal-v1"),
    /** Mean and opening-chunk embeddings plus insult and profanity cues. */
    DEROGATION_V1("derogation-v1");

    private final String wireName;

    FeatureSpace(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static FeatureSpace parse(String s) {
        for (FeatureSpace f : values()) {
            if (f.wireName.equals(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature space '" + s + "'");
    }

    public double[] vector(Embedding e, String text) {
        double[] lexical = this == REFUSAL_V1 ? LexicalFeatures.refusal(text) : LexicalFeatures.derogation(text);
        float[] first = this == REFUSAL_V1 ? e.head() : e.mean();
        float[] second = this == REFUSAL_V1 ? e.mean() : e.head();
        double[] x = new double[first.length + second.length + lexical.length];
        for (int i = 0; i < first.length; i++) {
            x[i] = first[i];
            x[first.length + i] = second[i];
        }
        System.arraycopy(lexical, 0, x, first.length + second.length, lexical.length);
        return x;
    }
}
