package dev.polity.norms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The places a constitution can name: ISO 3166-1 alpha-2 countries (from the JDK's own table), the
 * ISO 3166-2 subdivisions bundled in {@code iso3166-2.tsv} or declared by a constitution, and groupings
 * (EU, EEA, and any a constitution declares; a grouping may contain groupings). A code covers itself,
 * a country covers its subdivisions, a grouping covers its members and what they cover, {@code *} covers
 * everything. Immutable; {@link #with} returns an extended copy.
 */
public final class Jurisdictions {

    /** The 27 member states of the European Union (TEU Art. 52), as of 2026. */
    public static final List<String> EU_MEMBERS = List.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    /** The European Economic Area: the EU plus Iceland, Liechtenstein and Norway (EEA Agreement, 1994). */
    public static final List<String> EEA_MEMBERS;

    static {
        List<String> eea = new ArrayList<>(EU_MEMBERS);
        eea.addAll(List.of("IS", "LI", "NO"));
        EEA_MEMBERS = List.copyOf(eea);
    }

    private static final Set<String> COUNTRIES = Collections.unmodifiableSortedSet(new TreeSet<>(List.of(Locale.getISOCountries())));
    private static final Map<String, String> BUNDLED_SUBDIVISIONS = loadBundledSubdivisions();
    private static final Set<String> COUNTRIES_WITH_BUNDLED_SUBDIVISIONS = countriesOf(BUNDLED_SUBDIVISIONS.keySet());
    private static final Jurisdictions STANDARD = new Jurisdictions(standardGroupings(), Map.of());

    private final Map<String, List<String>> groupings;
    private final Map<String, String> extraSubdivisions;
    /** For each code asked about: every code that covers it, most specific first, ending in {@code *}. */
    private final Map<String, List<String>> coverCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Set<String>> containingGroupings;

    private Jurisdictions(Map<String, List<String>> groupings, Map<String, String> extraSubdivisions) {
        this.groupings = Collections.unmodifiableMap(new LinkedHashMap<>(groupings));
        this.extraSubdivisions = Map.copyOf(extraSubdivisions);
        Map<String, Set<String>> containing = new HashMap<>();
        groupings.forEach((g, members) -> members.forEach(m -> containing.computeIfAbsent(m, k -> new TreeSet<>()).add(g)));
        this.containingGroupings = containing;
    }

    /** EU then EEA: the order error messages list them in. */
    private static Map<String, List<String>> standardGroupings() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("EU", EU_MEMBERS);
        g.put("EEA", EEA_MEMBERS);
        return g;
    }

    public static Jurisdictions standard() {
        return STANDARD;
    }

    /** A copy with more groupings (code to member codes) and subdivisions (code to name). */
    public Jurisdictions with(Map<String, List<String>> moreGroupings, Map<String, String> moreSubdivisions) {
        Map<String, List<String>> g = new LinkedHashMap<>(groupings);
        moreGroupings.forEach((k, v) -> g.put(k, List.copyOf(v)));
        Map<String, String> s = new HashMap<>(extraSubdivisions);
        s.putAll(moreSubdivisions);
        return new Jurisdictions(g, s);
    }

    public Map<String, List<String>> groupings() {
        return groupings;
    }

    public boolean isKnown(String code) {
        return level(code) != null;
    }

    /** The level of a code, or null when the code names no known place. */
    public Jurisdiction.Level level(String code) {
        if (Scope.ALL.equals(code)) {
            return Jurisdiction.Level.EVERYWHERE;
        }
        if (groupings.containsKey(code)) {
            return Jurisdiction.Level.GROUPING;
        }
        if (COUNTRIES.contains(code)) {
            return Jurisdiction.Level.COUNTRY;
        }
        if (isSubdivision(code)) {
            return Jurisdiction.Level.SUBDIVISION;
        }
        return null;
    }

    private boolean isSubdivision(String code) {
        if (BUNDLED_SUBDIVISIONS.containsKey(code) || extraSubdivisions.containsKey(code)) {
            return true;
        }
        return false;
    }

    /**
     * Why a code is unknown, for error messages: "unknown country XX", "no subdivision DE-XX in ISO 3166-2:DE", ...
     */
    public String explainUnknown(String code) {
        int dash = code.indexOf('-');
        if (dash == 2 && code.length() > 3) {
            String country = code.substring(0, 2);
            if (!COUNTRIES.contains(country)) {
                return "unknown jurisdiction '" + code + "': " + country + " is not an ISO 3166-1 alpha-2 country code";
            }
            if (COUNTRIES_WITH_BUNDLED_SUBDIVISIONS.contains(country)) {
                return "unknown jurisdiction '" + code + "': not a subdivision of " + country + " in ISO 3166-2:" + country;
            }
            return "unknown jurisdiction '" + code + "': subdivisions of " + country
                    + " are not bundled; declare it under `subdivisions:`";
        }
        return "unknown jurisdiction '" + code + "': expected *, an ISO 3166-1 alpha-2 country (DE), an ISO 3166-2 subdivision (DE-BY) or a grouping ("
                + String.join(", ", groupings.keySet()) + ")";
    }

    public String name(String code) {
        Jurisdiction.Level level = level(code);
        if (level == null) {
            return code;
        }
        return switch (level) {
            case EVERYWHERE -> "everywhere";
            case GROUPING -> code;
            case COUNTRY -> new Locale("", code).getDisplayCountry(Locale.ENGLISH);
            case SUBDIVISION -> Objects.requireNonNullElse(BUNDLED_SUBDIVISIONS.get(code), extraSubdivisions.getOrDefault(code, code));
        };
    }

    public Jurisdiction jurisdiction(String code) {
        return new Jurisdiction(code, level(code), name(code));
    }

    /**
     * Every code that covers {@code code}: itself, its country, every grouping that contains either
     * (transitively), and {@code *}. Ordered most specific first; deterministic.
     */
    public List<String> coveringCodes(String code) {
        return coverCache.computeIfAbsent(code, this::computeCovering);
    }

    private List<String> computeCovering(String code) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        out.add(code);
        if (level(code) == Jurisdiction.Level.SUBDIVISION) {
            out.add(code.substring(0, 2));
        }
        List<String> frontier = new ArrayList<>(out);
        List<String> found = new ArrayList<>();
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String c : frontier) {
                for (String g : containingGroupings.getOrDefault(c, Set.of())) {
                    if (!out.contains(g) && !found.contains(g)) {
                        found.add(g);
                        next.add(g);
                    }
                }
            }
            frontier = next;
        }
        out.addAll(found);
        out.add(Scope.ALL);
        return List.copyOf(out);
    }

    public boolean covers(String outer, String inner) {
        return coveringCodes(inner).contains(outer);
    }

    /** The members of a grouping, expanded through nested groupings; the code itself for anything else. */
    public Set<String> expand(String code) {
        Set<String> out = new TreeSet<>();
        expandInto(code, out, new java.util.HashSet<>());
        return out;
    }

    private void expandInto(String code, Set<String> out, Set<String> seen) {
        if (!seen.add(code)) {
            return;
        }
        List<String> members = groupings.get(code);
        if (members == null) {
            out.add(code);
            return;
        }
        for (String m : members) {
            expandInto(m, out, seen);
        }
    }

    /** Groupings that contain themselves through their members, as cycles of codes. */
    public List<List<String>> groupingCycles() {
        return Cycles.of(groupings);
    }

    public static Set<String> countries() {
        return COUNTRIES;
    }

    /** The ISO 3166-2 subdivision codes bundled with Polity, sorted. */
    public static Set<String> bundledSubdivisions() {
        return new TreeSet<>(BUNDLED_SUBDIVISIONS.keySet());
    }

    private static Set<String> countriesOf(Set<String> subdivisions) {
        Set<String> out = new TreeSet<>();
        subdivisions.forEach(s -> out.add(s.substring(0, 2)));
        return Set.copyOf(out);
    }

    private static Map<String, String> loadBundledSubdivisions() {
        Map<String, String> out = new HashMap<>();
        try (var in = Jurisdictions.class.getResourceAsStream("iso3166-2.tsv")) {
            if (in == null) {
                throw new IllegalStateException("iso3166-2.tsv missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                out.put(line.substring(0, tab), line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }
}
