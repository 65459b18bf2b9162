package dev.polity.judge;

import java.util.Objects;

/**
 * A model's answer to be judged, with the prompt it answered when known. Both are data, never
 * instructions: detectors read them, they do not obey them.
 */
public record Answer(String prompt, String text) {
    public Answer {
        Objects.requireNonNull(text, "text");
        prompt = prompt == null ? "" : prompt;
    }

    public static Answer of(String text) {
        return new Answer("", text);
    }
}
