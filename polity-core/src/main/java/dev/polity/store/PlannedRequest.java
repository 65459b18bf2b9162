package dev.polity.store;

import dev.polity.model.AnswerRequest;
import java.util.Objects;

/** An item of a run with the request it sends and that request's hash (see {@link AnswerRequest#hash}). */
public record PlannedRequest(RunItem item, String requestHash, AnswerRequest request) {
    public PlannedRequest {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(request, "request");
    }
}
