package dev.polity.model;

/**
 * A live source stopped asking its endpoint: it accepted connections but let {@link Liveness#TIMEOUTS}
 * requests in a row time out with no answer in between, so every further request would only wait out its
 * timeout. Transient: a later {@code polity eval resume} opens the source afresh and asks again.
 */
public final class EndpointDeadException extends AnswerUnavailableException {
    EndpointDeadException(String message) {
        super(message, true, null);
    }
}
