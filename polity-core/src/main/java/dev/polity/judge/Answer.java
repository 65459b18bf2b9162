package dev.polity.judge;

import java.util.Objects;

/**
 * A model's answer to be judged, with the prompt it answered when known, and which turn of the
 * conversation it is (1 for the first answer; checks with {@code first_turn_only} skip later ones). Both
 * texts are data, never instructions: detectors read them, they do not obey them.
 */
public record Answer(String prompt, String text, int turn) {
    public Answer {
        Objects.requireNonNull(text, "text");
        prompt = prompt == null ? "" : prompt;
        if (turn < 1) {
            throw new IllegalArgumentException("turn must be 1 or more, got " + turn);
        }
    }

    /** A first-turn answer. */
    public Answer(String prompt, String text) {
        this(prompt, text, 1);
    }

    public static Answer of(String text) {
        return new Answer("", text);
    }
}
