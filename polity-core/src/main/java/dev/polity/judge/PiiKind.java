package dev.polity.judge;

import java.util.Locale;

/** Kinds of personal data the rules detector can find in an answer. */
public enum PiiKind {
    EMAIL,
    PHONE,
    IBAN,
    /** US social security number, UK national insurance number, Spanish DNI/NIE, French NIR. */
    NATIONAL_ID;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PiiKind parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
