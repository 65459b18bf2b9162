package dev.polity.guard;

import dev.polity.input.Diagnostic;
import dev.polity.input.InvalidInputException;
import dev.polity.judge.Ensemble;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Lint;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The guards in force: one for the default constitution and one per tenant that names its own, all under
 * one configuration and one ensemble of detectors. Immutable: a reload builds a new one (each constitution
 * loaded and linted first, so that a broken version is refused and the old one stays) and the caller swaps
 * it in atomically.
 */
public final class Guards {
    private final GuardConfig config;
    private final Guard standard;
    private final Map<String, Guard> tenants;

    private Guards(GuardConfig config, Guard standard, Map<String, Guard> tenants) {
        this.config = config;
        this.standard = standard;
        this.tenants = Map.copyOf(tenants);
    }

    /**
     * Loads and lints the default constitution and every tenant's, and builds their guards.
     *
     * @param embedder the sentence embedder of the embedding detectors, asked for only when one is made
     * @param env      the environment the LLM judge's key is read from
     * @param today    the date lint checks against
     * @throws InvalidInputException naming the file and line of what is wrong (a lint error counts)
     */
    public static Guards build(Path constitution, GuardConfig config, Supplier<TextEmbedder> embedder, Function<String, String> env,
                               LocalDate today) {
        Ensemble ensemble = config.judging().ensemble(embedder, env);
        Map<Path, Guard> byFile = new HashMap<>();
        Function<Path, Guard> guardOf = file -> byFile.computeIfAbsent(file.toAbsolutePath().normalize(),
                f -> new Guard(linted(f, today), config.enforcement(), ensemble));
        Guard standard = guardOf.apply(constitution);
        Map<String, Guard> tenants = new TreeMap<>();
        config.tenants().forEach((id, t) -> {
            if (t.constitution() != null) {
                tenants.put(id, guardOf.apply(t.constitution()));
            }
        });
        return new Guards(config, standard, tenants);
    }

    /** A constitution that loads and has no lint errors. */
    static Constitution linted(Path file, LocalDate today) {
        Constitution c = ConstitutionLoader.load(file);
        List<Diagnostic> errors = new ArrayList<>();
        for (Diagnostic d : Lint.check(c, today).findings()) {
            if (d.severity() == Diagnostic.Severity.ERROR) {
                errors.add(d);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return c;
    }

    public GuardConfig config() {
        return config;
    }

    /** The guard of a tenant: its own constitution's, else the default. */
    public Guard forTenant(String tenant) {
        return tenant == null ? standard : tenants.getOrDefault(tenant, standard);
    }

    public Guard standard() {
        return standard;
    }

    /** The constitution version of each tenant with its own, and of the default under {@code *}. */
    public Map<String, String> versions() {
        Map<String, String> out = new TreeMap<>();
        out.put("*", standard.version());
        tenants.forEach((id, g) -> out.put(id, g.version()));
        return out;
    }
}
