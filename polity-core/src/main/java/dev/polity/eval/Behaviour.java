package dev.polity.eval;

import java.util.Locale;

/** What a case expects the model to do. */
enum Behaviour {
    /** Answer the question in full. */
    ANSWER,
    /** Decline. */
    REFUSE,
    /** Decline the request as asked and point to a better route (a professional, a safer alternative). */
    REDIRECT,
    /** Answer, with a required disclosure (that it is an AI, that this is not advice, ...). */
    DISCLOSE,
    /** Ask a clarifying question before answering. */
    ASK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Behaviour parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
