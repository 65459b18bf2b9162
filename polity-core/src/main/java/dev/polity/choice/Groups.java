package dev.polity.choice;

import java.util.List;
import java.util.function.Function;

/** Group labels from rater attributes: single ({@code Woman}) or crossed ({@code Woman & 18-24}). */
public final class Groups {
    private Groups() {
    }

    public static String label(List<String> attributes, Function<String, String> value) {
        if (attributes.isEmpty()) {
            return "all";
        }
        StringBuilder sb = new StringBuilder();
        for (String a : attributes) {
            if (sb.length() > 0) {
                sb.append(" & ");
            }
            String v = value.apply(a);
            sb.append(v == null || v.isBlank() ? "(missing)" : v.trim());
        }
        return sb.toString();
    }
}
