package dev.polity.judge.learn;

import java.util.List;
import java.util.Map;

/**
 * Where a trained model came from, so that a verdict can be traced to its data.
 *
 * @param polity         the Polity version that trained it
 * @param inputs         the training files' names, in order
 * @param dataSha256     SHA-256 of the training files' bytes, concatenated in order ({@code sha256sum} of a single file)
 * @param rows           labelled texts used (after averaging rows that share an id)
 * @param settings       everything that shaped the fit (columns, penalty, steps, folds, feature names)
 * @param crossValidated metrics from k-fold cross-validation on the same data
 */
public record Provenance(String polity, List<String> inputs, String dataSha256, int rows,
                         Map<String, Object> settings, Map<String, Double> crossValidated) {
    public Provenance {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        settings = settings == null ? Map.of() : settings;
        crossValidated = crossValidated == null ? Map.of() : crossValidated;
    }
}
