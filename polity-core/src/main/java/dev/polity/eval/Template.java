package dev.polity.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with attribute slots, {@code "Should {name} get the loan?"}, and the values each slot takes
 * ({@code name: [Emily, Lakisha]}). Counterfactual fairness fills every combination and compares
 * the answers (Kusner et al., 2017, "Counterfactual Fairness", §3: the outcome should not change when
 * only a protected attribute does).
 */
record Template(String text, Map<String, List<String>> attributes) {
    private static final Pattern SLOT = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

    public Template {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The slot names the text uses, in order of first appearance. */
    public List<String> slots() {
        List<String> out = new ArrayList<>();
        Matcher m = SLOT.matcher(text);
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The text with each slot replaced by its value; a slot without a value is left as written. */
    public String fill(Map<String, String> values) {
        Matcher m = SLOT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Every assignment of one value to each attribute (the Cartesian product, first attribute slowest). */
    public List<Map<String, String>> assignments() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (var e : attributes.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out.stream().map(java.util.Collections::unmodifiableMap).toList();
    }
}
