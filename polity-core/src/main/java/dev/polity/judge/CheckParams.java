package dev.polity.judge;

import dev.polity.norms.Check;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads of a check's parameters; a wrong type names the norm, where it was written and what was expected. */
record CheckParams(Norm norm, Check check) {

    private Map<String, Object> map() {
        return check.params();
    }

    boolean has(String key) {
        return map().containsKey(key);
    }

    /** A string or a list of strings, as a list. */
    List<String> strings(String key) {
        Object v = map().get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        return List.of(String.valueOf(v));
    }

    String string(String key, String fallback) {
        Object v = map().get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    double number(String key, double fallback) {
        Object v = map().get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw bad(key, "a number", v);
        }
    }

    InvalidInputException bad(String key, String expected, Object got) {
        Location at = norm == null ? Location.UNKNOWN : norm.location();
        String id = norm == null ? "?" : norm.id();
        return new InvalidInputException(at, "norm " + id + ", check " + check.detector() + ": '" + key
                + "' expected " + expected + ", got '" + got + "'");
    }
}
