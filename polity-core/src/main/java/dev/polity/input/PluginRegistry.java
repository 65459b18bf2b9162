package dev.polity.input;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The plugins of one kind (probes, detectors), each registered once with its {@link PluginInfo} and how
 * it is made, in the order help and docs list them. What an input file may name and write under a name
 * is answered here and nowhere else.
 *
 * @param <F> how a plugin of this kind is made (a constructor reference, a factory function)
 */
public final class PluginRegistry<F> {
    /** One plugin: its description and its maker. */
    public record Entry<F>(PluginInfo info, F make) {
    }

    private final String kind;
    private final List<PluginInfo.Parameter> common;
    private final Map<String, Entry<F>> entries = new LinkedHashMap<>();

    /**
     * @param kind   what a plugin of this kind is called in messages ({@code probe}, {@code detector})
     * @param common the parameters every plugin of this kind takes, read by the caller rather than the plugin
     * @throws IllegalArgumentException when two entries share a name
     */
    public PluginRegistry(String kind, List<PluginInfo.Parameter> common, List<Entry<F>> entries) {
        this.kind = kind;
        this.common = List.copyOf(common);
        for (Entry<F> e : entries) {
            if (this.entries.putIfAbsent(e.info().name(), e) != null) {
                throw new IllegalArgumentException(kind + " '" + e.info().name() + "' is registered twice");
            }
        }
    }

    public static <F> Entry<F> entry(PluginInfo info, F make) {
        return new Entry<>(info, make);
    }

    public String kind() {
        return kind;
    }

    /** The names, in registration order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The descriptions, in registration order. */
    public List<PluginInfo> infos() {
        return entries.values().stream().map(Entry::info).toList();
    }

    /** The parameters every plugin of this kind takes. */
    public List<PluginInfo.Parameter> common() {
        return common;
    }

    public Optional<Entry<F>> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The one line that says {@code name} is not registered and what is. */
    public String unknownName(String name) {
        return "unknown " + kind + " '" + name + "'; expected one of " + String.join(", ", names());
    }

    /**
     * What is wrong with the parameters written under the plugin {@code name}: one line per key neither it
     * nor every plugin of its kind reads (a misspelling would otherwise be ignored), keys in sorted order.
     */
    public List<String> unknownParameters(String name, Collection<String> keys) {
        Entry<F> e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException(unknownName(name));
        }
        TreeSet<String> known = new TreeSet<>(e.info().parameterNames());
        common.forEach(p -> known.add(p.name()));
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(keys)) {
            if (!known.contains(key)) {
                out.add("unknown parameter '" + key + "'; expected one of " + String.join(", ", known));
            }
        }
        return out;
    }
}
