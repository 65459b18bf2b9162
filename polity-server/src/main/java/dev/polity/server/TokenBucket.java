package dev.polity.server;

/**
 * A token bucket (the leaky-bucket-as-a-meter of Turner, 1986, "New directions in communications"): holds
 * up to {@code capacity} tokens, refilled at {@code perSecond}; a request takes one or waits. Time comes in
 * as nanoseconds from the caller, so the arithmetic is a pure function of its inputs.
 */
public final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    public TokenBucket(double capacity, double perSecond, long now) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.last = now;
    }

    /** Takes a token at {@code now}: 0 when granted, else the nanoseconds until one will be there. */
    public synchronized long take(long now) {
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }
}
