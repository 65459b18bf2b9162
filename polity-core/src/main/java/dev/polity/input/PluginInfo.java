package dev.polity.input;

import java.util.List;
import java.util.Objects;

/**
 * How a plugin that an input file names (a probe in a suite, a detector in a norm's checks) describes
 * itself, once, on its own class: the name it is written as, one line on what it does, the paper or
 * source it follows, and the parameters it reads. A {@link PluginRegistry} lists them; validation, lint,
 * {@code --help} and the docs' tables all read that one description (as garak's probes carry
 * {@code goal} and {@code doc_uri} on the class).
 *
 * @param description one line: what the plugin does, and what it measures or decides
 * @param source      the paper or source it follows, as a citation a reader can look up
 * @param parameters  the parameters it reads, beyond those every plugin of its kind takes
 */
public record PluginInfo(String name, String description, String source, List<Parameter> parameters) {
    public PluginInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        parameters = List.copyOf(parameters);
    }

    /**
     * A parameter as it is written under the plugin.
     *
     * @param type         the values it takes, in words ({@code a number}, {@code a text or a list of texts}, {@code comply, refuse or redirect})
     * @param defaultValue what holds when it is not written, in words; null when absence means "no such rule"
     * @param description  one line: what it does
     */
    public record Parameter(String name, String type, String defaultValue, String description) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(description, "description");
        }
    }

    /** The names of {@link #parameters}, in their order. */
    public List<String> parameterNames() {
        return parameters.stream().map(Parameter::name).toList();
    }
}
