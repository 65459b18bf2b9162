package dev.polity.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How a live model is called: how long one request may take, how many attempts a request gets, the
 * backoff between attempts, and how many requests may be in flight at once.
 *
 * @param timeout        the longest one HTTP request may take before it counts as a timeout
 * @param maxAttempts    attempts per request, the first included (1 = no retries)
 * @param initialBackoff the backoff ceiling before the second attempt; it doubles per attempt
 * @param maxBackoff     the backoff ceiling never exceeds this, and neither does an honoured Retry-After
 * @param concurrency    requests in flight at once, across all threads sharing the source
 */
public record CallPolicy(Duration timeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff, int concurrency) {
    public static final CallPolicy DEFAULT = new CallPolicy(Duration.ofSeconds(60), 5, Duration.ofMillis(500),
            Duration.ofSeconds(30), 4);

    public CallPolicy {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff, was " + initialBackoff + ", " + maxBackoff);
        }
    }

    public CallPolicy withTimeout(Duration t) {
        return new CallPolicy(t, maxAttempts, initialBackoff, maxBackoff, concurrency);
    }

    public CallPolicy withMaxAttempts(int n) {
        return new CallPolicy(timeout, n, initialBackoff, maxBackoff, concurrency);
    }

    public CallPolicy withBackoff(Duration initial, Duration max) {
        return new CallPolicy(timeout, maxAttempts, initial, max, concurrency);
    }

    public CallPolicy withConcurrency(int n) {
        return new CallPolicy(timeout, maxAttempts, initialBackoff, maxBackoff, n);
    }

    /**
     * The wait before attempt {@code attempt + 1} after {@code attempt} failed attempts: "full jitter",
     * uniform in [0, min(maxBackoff, initialBackoff * 2^(attempt-1))] (Brooker, 2015, "Exponential Backoff
     * and Jitter", AWS Architecture Blog), raised to the server's Retry-After when it asked for longer, and
     * never above maxBackoff.
     *
     * @param unit        a number in [0, 1) from the caller's random source
     * @param retryAfter  what the server asked for, or null
     */
    public Duration backoff(int attempt, double unit, Duration retryAfter) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, was " + attempt);
        }
        long ceiling = initialBackoff.toNanos();
        for (int i = 1; i < attempt && ceiling < maxBackoff.toNanos(); i++) {
            ceiling = Math.min(maxBackoff.toNanos(), ceiling * 2);
        }
        ceiling = Math.min(ceiling, maxBackoff.toNanos());
        long wait = (long) (unit * ceiling);
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(retryAfter.toNanos(), maxBackoff.toNanos()));
        }
        return Duration.ofNanos(wait);
    }
}
