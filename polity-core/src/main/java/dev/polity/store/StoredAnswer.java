package dev.polity.store;

import dev.polity.model.Answer;
import dev.polity.model.AnswerRequest;
import java.time.Instant;

/** An answer as stored for one item of a run; {@code id} is what verdicts refer to. */
public record StoredAnswer(String id, String runId, RunItem item, String requestHash, AnswerRequest request, Answer answer,
                           Instant created) {
}
