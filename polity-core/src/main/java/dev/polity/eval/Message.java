package dev.polity.eval;

import java.util.Locale;
import java.util.Objects;

/** One turn of a conversation sent to a model under test. */
public record Message(Role role, String content) {
    public enum Role {
        SYSTEM, USER, ASSISTANT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Role parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static Message system(String content) {
        return new Message(Role.SYSTEM, content);
    }

    public static Message user(String content) {
        return new Message(Role.USER, content);
    }

    public static Message assistant(String content) {
        return new Message(Role.ASSISTANT, content);
    }
}
