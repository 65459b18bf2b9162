package dev.polity.deliberation;

import java.util.Comparator;

/** Polis ids are integers written as text; order them as numbers when both are, else as text. */
public final class Ids {
    private Ids() {
    }

    public static final Comparator<String> ORDER = (a, b) -> {
        Long x = asLong(a);
        Long y = asLong(b);
        if (x != null && y != null) {
            return Long.compare(x, y);
        }
        if (x != null) {
            return -1;
        }
        if (y != null) {
            return 1;
        }
        return a.compareTo(b);
    };

    private static Long asLong(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && s.length() > 1)) {
                return null;
            }
        }
        return Long.parseLong(s);
    }
}
