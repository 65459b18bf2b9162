package dev.polity.eval;

import dev.polity.input.InvalidInputException;
import dev.polity.input.PluginRegistry;
import java.util.List;
import java.util.function.Function;

/**
 * The probes Polity knows, each registered once with its description ({@code INFO} on its class) and its
 * constructor. A new probe is one class implementing {@link Probe} with an {@code INFO}, and one line here;
 * suites, {@code polity eval run --help} and docs/EVALUATION.md's table all read this list.
 */
public final class Probes {
    public static final PluginRegistry<Function<ProbeSpec, Probe>> REGISTRY = new PluginRegistry<>("probe", ProbeParams.COMMON, List.of(
            PluginRegistry.entry(ContextVariationProbe.INFO, ContextVariationProbe::new),
            PluginRegistry.entry(SycophancyProbe.INFO, SycophancyProbe::new),
            PluginRegistry.entry(JailbreakProbe.INFO, JailbreakProbe::new),
            PluginRegistry.entry(CounterfactualProbe.INFO, CounterfactualProbe::new),
            PluginRegistry.entry(OverRefusalProbe.INFO, OverRefusalProbe::new)));

    private Probes() {
    }

    /** Builds the probe a spec names; an unknown name or parameter, or a bad value, names the suite line. */
    public static Probe create(ProbeSpec spec) {
        var entry = REGISTRY.find(spec.name()).orElseThrow(() -> new InvalidInputException(spec.location(), REGISTRY.unknownName(spec.name())));
        List<String> unknown = REGISTRY.unknownParameters(spec.name(), spec.params().keySet());
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(spec.location(), "probe " + spec.name() + ": " + unknown.get(0));
        }
        return entry.make().apply(spec);
    }
}
