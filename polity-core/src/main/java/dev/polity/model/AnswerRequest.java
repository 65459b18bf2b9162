package dev.polity.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What is asked of a model: a conversation ending in the turn to answer, and the sampling settings.
 * {@code temperature}, {@code seed} and {@code maxTokens} are null when the model's default applies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnswerRequest(List<Message> conversation, Double temperature, Integer seed, Integer maxTokens) {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public AnswerRequest {
        Objects.requireNonNull(conversation, "conversation");
        conversation = List.copyOf(conversation);
        if (conversation.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        if (maxTokens != null && maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
    }

    /** A single user prompt with the model's default settings. */
    public static AnswerRequest of(String prompt) {
        return new AnswerRequest(List.of(Message.user(prompt)), null, null, null);
    }

    public AnswerRequest withTemperature(Double t) {
        return new AnswerRequest(conversation, t, seed, maxTokens);
    }

    public AnswerRequest withSeed(Integer s) {
        return new AnswerRequest(conversation, temperature, s, maxTokens);
    }

    public AnswerRequest withMaxTokens(Integer m) {
        return new AnswerRequest(conversation, temperature, seed, m);
    }

    /** The text of the last user turn: what replay matches recorded prompts against. */
    public String lastUserText() {
        for (int i = conversation.size() - 1; i >= 0; i--) {
            if (conversation.get(i).role() == Message.Role.USER) {
                return conversation.get(i).text();
            }
        }
        return conversation.get(conversation.size() - 1).text();
    }

    /** Canonical JSON (fixed field order, nulls left out), the form stored beside every answer. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AnswerRequest fromJson(String json) {
        try {
            return JSON.readValue(json, AnswerRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an answer request: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * SHA-256 of the source's name and this request's canonical JSON: two requests with the same hash
     * are the same question to the same model, so one stored answer serves both.
     */
    public String hash(String sourceName) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(sourceName.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(toJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
