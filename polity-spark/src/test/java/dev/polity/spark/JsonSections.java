package dev.polity.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Core's JSON cut down to the keys a Spark section has, so that the two compare as a whole. */
final class JsonSections {
    private JsonSections() {
    }

    /** {@code core} with, in every map, only the keys {@code shape}'s map at the same place has (in shape's order). */
    @SuppressWarnings("unchecked")
    static Object withKeysOf(Object shape, Object core) {
        if (shape instanceof Map<?, ?> s && core instanceof Map<?, ?> c) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object k : s.keySet()) {
                out.put((String) k, withKeysOf(s.get(k), c.get(k)));
            }
            return out;
        }
        if (shape instanceof List<?> s && core instanceof List<?> c && s.size() == c.size()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                out.add(withKeysOf(s.get(i), c.get(i)));
            }
            return out;
        }
        return core;
    }
}
