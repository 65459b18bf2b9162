package dev.polity.eval;

import dev.polity.input.InvalidInputException;
import dev.polity.input.PluginInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a probe's parameters; a wrong one names the suite file, the line and what was expected.
 * Which parameters a probe takes is its {@link PluginInfo}'s to say ({@link Probes#create} checks them).
 */
record ProbeParams(ProbeSpec spec) {

    /** Parameters every probe takes; {@link #selects} reads them. */
    static final List<PluginInfo.Parameter> COMMON = List.of(
            new PluginInfo.Parameter("tags", "a list of tags", "every case the probe applies to", "only cases with one of these tags"));

    List<String> strings(String key) {
        Object v = spec.params().get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof List<?> || o instanceof java.util.Map<?, ?>) {
                    throw bad(key, "a list of texts", v);
                }
                out.add(String.valueOf(o));
            }
            return out;
        }
        if (v instanceof java.util.Map<?, ?>) {
            throw bad(key, "a text or a list of texts", v);
        }
        return List.of(String.valueOf(v));
    }

    String string(String key, String fallback) {
        Object v = spec.params().get(key);
        if (v instanceof List<?> || v instanceof java.util.Map<?, ?>) {
            throw bad(key, "a text", v);
        }
        return v == null ? fallback : String.valueOf(v);
    }

    boolean bool(String key, boolean fallback) {
        Object v = spec.params().get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(key, "true or false", v);
    }

    InvalidInputException bad(String key, String expected, Object got) {
        return new InvalidInputException(spec.location(), "probe " + spec.name() + ": '" + key + "' expected " + expected + ", got " + got);
    }

    /** Whether a case passes the common {@code tags} filter (any of the listed tags; no filter when absent). */
    boolean selects(Case c) {
        List<String> tags = strings("tags");
        return tags.isEmpty() || tags.stream().anyMatch(c::hasTag);
    }
}
