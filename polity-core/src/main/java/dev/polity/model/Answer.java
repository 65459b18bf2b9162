package dev.polity.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.Objects;

/**
 * A model's answer and what is known about how it was made. Token counts and the finish reason are
 * null when the source does not report them; a replayed answer has zero latency.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(String text, String modelId, Duration latency, Integer inputTokens, Integer outputTokens,
                     String finishReason) {
    public Answer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(modelId, "modelId");
        latency = latency == null ? Duration.ZERO : latency;
    }

    public static Answer of(String text, String modelId) {
        return new Answer(text, modelId, Duration.ZERO, null, null, null);
    }
}
