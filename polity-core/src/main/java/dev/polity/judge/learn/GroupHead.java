package dev.polity.judge.learn;

import java.util.Map;
import java.util.TreeMap;

/**
 * One group's head in a model file: the rater attribute and its value, how many ratings and texts trained
 * it, its weight in the model's overall score (within its column), the penalty that shrinks it towards the
 * shared model (chosen by cross-validation), and its cross-validated agreement with the group's mean rating.
 */
public record GroupHead(String column, String group, int ratings, int texts, double weight, double penalty,
                        Map<String, Double> crossValidated) {
    public GroupHead {
        crossValidated = crossValidated == null ? Map.of() : new TreeMap<>(crossValidated);
    }

    /** The output this head writes, {@code score_<column>_<group>}. */
    public String output() {
        return output(column, group);
    }

    public static String output(String column, String group) {
        return "score_" + column + "_" + group;
    }
}
