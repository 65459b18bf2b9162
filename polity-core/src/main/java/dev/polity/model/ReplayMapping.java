package dev.polity.model;

import java.util.Objects;

/**
 * Which columns (CSV) or fields (JSONL) of a transcript file hold what.
 *
 * @param prompt    the prompt the answer replies to (required)
 * @param answer    the recorded answer (required)
 * @param model     the model that answered, or null when the file holds one model's answers
 * @param id        a case id, or null
 * @param only      keep only rows whose model column equals this, or null for all
 * @param modelName the model id to report when there is no model column, or null for the file's name
 */
record ReplayMapping(String prompt, String answer, String model, String id, String only, String modelName) {
    public ReplayMapping {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(answer, "answer");
        if (only != null && model == null) {
            throw new IllegalArgumentException("filtering by model ('only') needs a model column");
        }
    }

    public static ReplayMapping of(String prompt, String answer) {
        return new ReplayMapping(prompt, answer, null, null, null, null);
    }

    public ReplayMapping withId(String column) {
        return new ReplayMapping(prompt, answer, model, column, only, modelName);
    }

    public ReplayMapping withModel(String column) {
        return new ReplayMapping(prompt, answer, column, id, only, modelName);
    }

    public ReplayMapping onlyModel(String value) {
        return new ReplayMapping(prompt, answer, model, id, value, modelName);
    }

    public ReplayMapping named(String name) {
        return new ReplayMapping(prompt, answer, model, id, only, name);
    }
}
