package dev.polity.model;

import java.util.Objects;

/** One turn of a conversation sent to a model. */
public record Message(Role role, String text) {
    public enum Role {
        SYSTEM, USER, ASSISTANT;

        /** The role as chat APIs and suite files write it: {@code system}, {@code user}, {@code assistant}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }

    public static Message system(String text) {
        return new Message(Role.SYSTEM, text);
    }

    public static Message user(String text) {
        return new Message(Role.USER, text);
    }

    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, text);
    }
}
