package dev.polity.norms;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded constitution: its norms (from the entry file and everything it includes), the tier order
 * (highest first), who decides gaps per tier, the places it can name, and the domain and audience
 * vocabularies (empty when the constitution declares none), and the named lexicons its norms' signals use. {@code digest} is the SHA-256 of the files'
 * bytes in load order, for provenance.
 */
public record Constitution(
        String name,
        String version,
        List<String> tiers,
        Map<String, String> residualAuthority,
        Jurisdictions jurisdictions,
        Set<String> domains,
        Set<String> audiences,
        List<Norm> norms,
        List<String> files,
        String digest,
        Map<String, Lexicon> lexicons) {

    public static final List<String> DEFAULT_TIERS = List.of("law", "regulation", "operator", "community", "user");

    public Constitution {
        tiers = List.copyOf(tiers);
        // copies that keep the given order: these lists reach error messages and reports
        residualAuthority = Collections.unmodifiableMap(new LinkedHashMap<>(residualAuthority));
        domains = Collections.unmodifiableSet(new LinkedHashSet<>(domains));
        audiences = Collections.unmodifiableSet(new LinkedHashSet<>(audiences));
        norms = List.copyOf(norms);
        files = List.copyOf(files);
        lexicons = lexicons == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(lexicons));
    }

    /** A constitution that defines no lexicons. */
    public Constitution(String name, String version, List<String> tiers, Map<String, String> residualAuthority, Jurisdictions jurisdictions,
                        Set<String> domains, Set<String> audiences, List<Norm> norms, List<String> files, String digest) {
        this(name, version, tiers, residualAuthority, jurisdictions, domains, audiences, norms, files, digest, Map.of());
    }

    /** A constitution built in code (tests, generators): default tiers, standard jurisdictions. */
    public static Constitution of(List<Norm> norms) {
        return of(norms, Jurisdictions.standard());
    }

    public static Constitution of(List<Norm> norms, Jurisdictions jurisdictions) {
        return new Constitution("unnamed", "0", DEFAULT_TIERS, Map.of(), jurisdictions, Set.of(), Set.of(), norms, List.of(), "");
    }

    /** 0 for the highest tier; larger is lower. Unknown tiers rank below all known ones. */
    public int tierRank(String tier) {
        int i = tiers.indexOf(tier);
        return i < 0 ? tiers.size() : i;
    }

    public String residualAuthorityFor(String tier) {
        String who = residualAuthority.get(tier);
        return who != null ? who : "unassigned (declare residual_authority." + tier + ")";
    }

    public Map<String, Norm> byId() {
        Map<String, Norm> out = new HashMap<>();
        norms.forEach(n -> out.putIfAbsent(n.id(), n));
        return out;
    }
}
