package dev.polity.model;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether an endpoint still answers, judged from the attempts of every request that shares a source. A
 * server that accepts connections and never replies costs one timeout per attempt per request (a 5-item run
 * took 10 minutes); after {@link #TIMEOUTS} timed-out attempts with no answer in between, the endpoint is
 * judged dead for the rest of the source's life, and no further attempt is made. An answer from any
 * request in between resets the count, so a slow but working server is not cut off by an odd timeout.
 */
final class Liveness {
    /** Timed-out attempts, with no answer in between, that make an endpoint dead: about two timeouts of waiting. */
    static final int TIMEOUTS = 2;

    private final String name;
    private final Duration timeout;
    private final AtomicInteger inARow = new AtomicInteger();
    private volatile String dead;

    Liveness(String name, Duration timeout) {
        this.name = name;
        this.timeout = timeout;
    }

    void answered() {
        inARow.set(0);
    }

    void timedOut() {
        if (inARow.incrementAndGet() >= TIMEOUTS && dead == null) {
            dead = name + ": the endpoint looks dead: " + TIMEOUTS + " attempts in a row got no answer within "
                    + timeout.toMillis() + " ms; not asking it again until the run is resumed";
        }
    }

    /** Throws when the endpoint has been judged dead; before every attempt. */
    void check() {
        String why = dead;
        if (why != null) {
            throw new EndpointDeadException(why);
        }
    }
}
