package dev.polity.guard;

import dev.polity.judge.PiiKind;
import dev.polity.judge.PiiMatch;
import dev.polity.judge.PiiScanner;
import java.util.List;
import java.util.Set;

/** Replaces the personal data {@link PiiScanner} finds with a marker naming its kind, e.g. {@code [email redacted]}. */
public final class Redaction {
    private Redaction() {
    }

    public static String apply(String text, Set<PiiKind> kinds) {
        if (kinds.isEmpty() || text.isEmpty()) {
            return text;
        }
        List<PiiMatch> found = PiiScanner.find(text, kinds);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (PiiMatch m : found) {
            if (m.start() < at) {
                continue; // overlaps a span already replaced
            }
            out.append(text, at, m.start()).append('[').append(m.kind().wireName()).append(" redacted]");
            at = m.end();
        }
        return out.append(text, at, text.length()).toString();
    }
}
