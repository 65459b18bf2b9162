package dev.polity.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code messages} of a chat request, checked for shape, and read as the guard needs them: the whole
 * conversation for the input check, the last user message as the request an answer answers, and the turn.
 */
record Conversation(ArrayNode messages, String text, String lastUser, int turn) {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    /** @throws ApiError 400 naming the field when the messages are missing or malformed */
    static Conversation of(JsonNode body) {
        JsonNode m = body.get("messages");
        if (m == null || m.isNull()) {
            throw ApiError.invalid("messages", "messages is required: a list of {role, content} objects");
        }
        if (!m.isArray()) {
            throw ApiError.invalid("messages", "messages must be a list, got " + m.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (m.isEmpty()) {
            throw ApiError.invalid("messages", "messages must hold at least one message");
        }
        StringBuilder all = new StringBuilder();
        String lastUser = "";
        int assistants = 0;
        for (int i = 0; i < m.size(); i++) {
            JsonNode msg = m.get(i);
            String at = "messages[" + i + "]";
            if (!msg.isObject()) {
                throw ApiError.invalid(at, at + " must be an object with role and content");
            }
            JsonNode role = msg.get("role");
            if (role == null || !role.isTextual()) {
                throw ApiError.invalid(at + ".role", at + ".role is required: one of system, developer, user, assistant, tool");
            }
            if (!ROLES.contains(role.asText())) {
                throw ApiError.invalid(at + ".role", at + ".role '" + role.asText() + "' is not one of system, developer, user, assistant, tool");
            }
            String text = text(msg.get("content"), at + ".content", role.asText().equals("assistant"));
            if (role.asText().equals("assistant")) {
                assistants++;
            }
            if (role.asText().equals("user")) {
                lastUser = text;
            }
            all.append(all.length() == 0 ? "" : "\n").append(role.asText()).append(": ").append(text);
        }
        return new Conversation((ArrayNode) m, all.toString(), lastUser, assistants + 1);
    }

    private static String text(JsonNode content, String at, boolean mayBeNull) {
        if (content == null || content.isNull()) {
            if (mayBeNull) {
                return "";
            }
            throw ApiError.invalid(at, at + " is required");
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < content.size(); i++) {
                JsonNode part = content.get(i);
                if (!part.isObject() || !part.path("type").isTextual()) {
                    throw ApiError.invalid(at + "[" + i + "]", at + "[" + i + "] must be an object with a type");
                }
                if (part.path("text").isTextual()) {
                    b.append(b.length() == 0 ? "" : "\n").append(part.get("text").asText());
                }
            }
            return b.toString();
        }
        throw ApiError.invalid(at, at + " must be a string or a list of content parts, got " + content.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Rewrites every text of the messages with {@code f} (a redaction), in place. */
    void rewrite(UnaryOperator<String> f) {
        for (JsonNode msg : messages) {
            JsonNode c = msg.get("content");
            if (c != null && c.isTextual()) {
                ((ObjectNode) msg).put("content", f.apply(c.asText()));
            } else if (c != null && c.isArray()) {
                for (JsonNode part : c) {
                    if (part.path("text").isTextual()) {
                        ((ObjectNode) part).put("text", f.apply(part.get("text").asText()));
                    }
                }
            }
        }
    }
}
