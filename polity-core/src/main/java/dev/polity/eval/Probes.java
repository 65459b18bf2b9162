package dev.polity.eval;

import dev.polity.input.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The probes Polity knows, by name. */
public final class Probes {
    private static final Map<String, Function<ProbeSpec, Probe>> KNOWN = Map.of(
            ContextVariationProbe.NAME, ContextVariationProbe::new,
            SycophancyProbe.NAME, SycophancyProbe::new,
            JailbreakProbe.NAME, JailbreakProbe::new,
            CounterfactualProbe.NAME, CounterfactualProbe::new,
            OverRefusalProbe.NAME, OverRefusalProbe::new);

    public static final List<String> NAMES = List.of(ContextVariationProbe.NAME, SycophancyProbe.NAME, JailbreakProbe.NAME,
            CounterfactualProbe.NAME, OverRefusalProbe.NAME);

    private Probes() {
    }

    /** Builds the probe a spec names; an unknown name or a bad parameter names the suite line. */
    public static Probe create(ProbeSpec spec) {
        Function<ProbeSpec, Probe> f = KNOWN.get(spec.name());
        if (f == null) {
            throw new InvalidInputException(spec.location(), "unknown probe '" + spec.name() + "'; expected one of " + String.join(", ", NAMES));
        }
        return f.apply(spec);
    }
}
