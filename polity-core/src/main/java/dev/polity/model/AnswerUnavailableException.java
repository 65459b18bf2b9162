package dev.polity.model;

/**
 * No answer could be had from a source: the endpoint failed, timed out or replied with something that is
 * not an answer, after the retries allowed; or a replay has no recording for the prompt. The message is
 * one line naming the source and the cause; it never contains an API key.
 */
public class AnswerUnavailableException extends RuntimeException {
    private final boolean transientFailure;

    public AnswerUnavailableException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when trying again later may succeed (rate limit, server error, timeout, dropped connection). */
    public boolean isTransient() {
        return transientFailure;
    }
}
