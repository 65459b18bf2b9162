package dev.polity.guard;

import java.util.Locale;

/** What a norm was judged on: the conversation sent to the model (the prompt) or the model's answer. */
public enum Part {
    PROMPT,
    ANSWER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
