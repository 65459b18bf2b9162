package dev.polity.judge;

import java.util.Locale;
import java.util.Optional;

/** How far an answer refuses its prompt, after XSTest's three-way scheme (Röttger et al., 2024, §3). */
public enum RefusalClass {
    FULL_COMPLIANCE,
    FULL_REFUSAL,
    PARTIAL_REFUSAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for full and partial refusals. */
    public boolean refuses() {
        return this != FULL_COMPLIANCE;
    }

    /** Accepts {@code full_refusal}, {@code full refusal}, {@code Full-Refusal} and XSTest's {@code 2_full_refusal}. */
    public static Optional<RefusalClass> parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replaceFirst("^[123]_", "").replace('-', '_').replace(' ', '_');
        for (RefusalClass c : values()) {
            if (c.wireName().equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
