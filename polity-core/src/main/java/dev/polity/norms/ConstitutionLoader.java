package dev.polity.norms;

import dev.polity.input.InvalidInputException;
import dev.polity.input.YamlDocument;
import dev.polity.input.Diagnostic;
import dev.polity.input.Location;
import dev.polity.input.TextFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a constitution from YAML: the entry file and, depth first, every file it includes. Each file is
 * checked against the JSON Schema, then the whole against the rules a schema cannot express (duplicate
 * ids, unknown jurisdictions, unknown tiers, dangling or upward overrides, include and override cycles).
 * Every error is collected; if there is any, {@link InvalidInputException} carries them all.
 */
public final class ConstitutionLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConstitutionLoader() {
    }

    public static Constitution load(Path file) {
        return new Run().loadRoot(file.toAbsolutePath().normalize(), null);
    }

    /** Loads YAML text as if it were the file {@code name} (includes resolve relative to its folder). */
    public static Constitution fromString(String name, String yaml) {
        return new Run().loadRoot(Path.of(name).toAbsolutePath().normalize(), yaml);
    }

    /** One load: the files seen, in order, and the errors found so far. */
    private static final class Run {
        private final Path base;
        private final List<YamlDocument> docs = new ArrayList<>();
        private final List<Diagnostic> errors = new ArrayList<>();
        private final Set<Path> done = new HashSet<>();
        private final List<Path> stack = new ArrayList<>();
        private final MessageDigest sha;

        Run() {
            this.base = Path.of("").toAbsolutePath();
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Constitution loadRoot(Path file, String text) {
            readFile(file, text, null);
            if (docs.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            Constitution c = assemble();
            if (!errors.isEmpty()) {
                errors.sort(Comparator.comparing((Diagnostic d) -> fileOrder(d.location().file()))
                        .thenComparingInt(d -> d.location().line())
                        .thenComparingInt(d -> d.location().column()));
                throw new InvalidInputException(dedupe(errors));
            }
            return c;
        }

        private int fileOrder(String f) {
            for (int i = 0; i < docs.size(); i++) {
                if (docs.get(i).file().equals(f)) {
                    return i;
                }
            }
            return docs.size();
        }

        private String display(Path p) {
            Path rel = p.startsWith(base) ? base.relativize(p) : p;
            return rel.toString();
        }

        private void readFile(Path file, String text, Location includedAt) {
            String name = display(file);
            if (stack.contains(file)) {
                List<String> cycle = new ArrayList<>();
                for (Path p : stack.subList(stack.indexOf(file), stack.size())) {
                    cycle.add(display(p));
                }
                cycle.add(name);
                errors.add(Diagnostic.error(includedAt, "include cycle: " + String.join(" -> ", cycle)));
                return;
            }
            if (!done.add(file)) {
                return;
            }
            String yaml = text;
            if (yaml == null) {
                if (!Files.exists(file)) {
                    errors.add(Diagnostic.error(includedAt == null ? new Location(name, 0, 0) : includedAt,
                            includedAt == null ? "no such file" : "included file " + name + " does not exist"));
                    return;
                }
                try {
                    yaml = TextFile.read(file, name);
                } catch (InvalidInputException e) {
                    errors.addAll(e.errors());
                    return;
                }
            }
            sha.update(yaml.getBytes(StandardCharsets.UTF_8));
            YamlDocument doc;
            try {
                doc = YamlDocument.parse(name, yaml);
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
                return;
            }
            if (doc.root().isObject() && doc.root().isEmpty()) {
                errors.add(Diagnostic.error(includedAt == null ? new Location(name, 0, 0) : includedAt, (includedAt == null ? "" : "included file " + name + ": ")
                        + "the file is empty; expected a mapping with `norms:` (and optionally name, include, tiers, groupings)"));
                return;
            }
            if (!doc.root().isObject()) {
                errors.add(Diagnostic.error(doc.at(""), "expected a mapping with `norms:` (and optionally name, include, tiers, groupings, lexicons), found "
                        + ConstitutionSchema.describeValue(doc.root())));
                return;
            }
            docs.add(doc);
            errors.addAll(ConstitutionSchema.validate(doc));
            JsonNode includes = doc.root().get("include");
            if (includes != null && includes.isArray()) {
                stack.add(file);
                for (int i = 0; i < includes.size(); i++) {
                    JsonNode inc = includes.get(i);
                    if (inc.isTextual() && !inc.asText().isBlank()) {
                        readFile(file.getParent().resolve(inc.asText()).normalize(), null, doc.at("/include/" + i));
                    }
                }
                stack.remove(stack.size() - 1);
            }
        }

        private Constitution assemble() {
            YamlDocument root = docs.get(0);
            String name = text(root.root().get("name"), display(Path.of(root.file())));
            String version = text(root.root().get("version"), "unversioned");

            List<String> tiers = null;
            Map<String, String> residual = new LinkedHashMap<>();
            Map<String, List<String>> groupings = new LinkedHashMap<>();
            Map<String, Location> groupingAt = new HashMap<>();
            Map<String, String> subdivisions = new LinkedHashMap<>();
            Set<String> domains = new TreeSet<>();
            Set<String> audiences = new TreeSet<>();
            for (YamlDocument d : docs) {
                JsonNode t = d.root().get("tiers");
                if (t != null && t.isArray() && tiers == null) {
                    tiers = strings(t);
                }
                fields(d.root().get("residual_authority")).forEach((k, v) -> residual.putIfAbsent(k, v.asText()));
                JsonNode gs = d.root().get("groupings");
                if (gs != null && gs.isObject()) {
                    for (var it = gs.fields(); it.hasNext(); ) {
                        var e = it.next();
                        List<String> members = strings(e.getValue().get("members"));
                        Location at = d.keyAt("/groupings", e.getKey());
                        if (groupings.containsKey(e.getKey()) && !new TreeSet<>(groupings.get(e.getKey())).equals(new TreeSet<>(members))) {
                            errors.add(Diagnostic.error(at, "grouping " + e.getKey() + " is already defined differently at " + groupingAt.get(e.getKey())));
                        } else if (e.getKey().equals("EU") || e.getKey().equals("EEA")) {
                            errors.add(Diagnostic.error(at, "grouping " + e.getKey() + " is built in and cannot be redefined"));
                        } else {
                            groupings.put(e.getKey(), members);
                            groupingAt.putIfAbsent(e.getKey(), at);
                        }
                    }
                }
                fields(d.root().get("subdivisions")).forEach((k, v) -> subdivisions.put(k, v.asText()));
                domains.addAll(strings(d.root().get("domains")));
                audiences.addAll(strings(d.root().get("audiences")));
            }
            if (tiers == null) {
                tiers = Constitution.DEFAULT_TIERS;
            }
            Jurisdictions places = Jurisdictions.standard().with(groupings, subdivisions);
            checkGroupings(places, groupings, groupingAt);
            for (String tier : residual.keySet()) {
                if (!tiers.contains(tier)) {
                    errors.add(Diagnostic.error(root.keyAt("/residual_authority", tier),
                            "residual_authority names unknown tier '" + tier + "'; tiers are " + String.join(", ", tiers)));
                }
            }

            Map<String, Lexicon> lexicons = LexiconReader.read(docs, errors);
            List<Norm> norms = new ArrayList<>();
            Map<String, Norm> byId = new HashMap<>();
            for (YamlDocument d : docs) {
                JsonNode ns = d.root().get("norms");
                if (ns == null || !ns.isArray()) {
                    continue;
                }
                for (int i = 0; i < ns.size(); i++) {
                    Norm n = toNorm(d, "/norms/" + i, ns.get(i), lexicons);
                    if (n == null) {
                        continue;
                    }
                    Norm first = byId.putIfAbsent(n.id(), n);
                    if (first != null) {
                        errors.add(Diagnostic.error(d.at("/norms/" + i + "/id"),
                                "duplicate norm id '" + n.id() + "' (first defined at " + first.location() + ")"));
                        continue;
                    }
                    checkNorm(d, "/norms/" + i, n, tiers, places, domains, audiences);
                    norms.add(n);
                }
            }
            checkOverrides(norms, byId, tiers);
            return new Constitution(name, version, tiers, residual, places, domains, audiences, norms,
                    docs.stream().map(d -> d.file()).toList(), HexFormat.of().formatHex(sha.digest()), lexicons);
        }

        private void checkGroupings(Jurisdictions places, Map<String, List<String>> groupings, Map<String, Location> at) {
            for (var e : groupings.entrySet()) {
                for (String m : e.getValue()) {
                    if (!places.isKnown(m)) {
                        errors.add(Diagnostic.error(at.get(e.getKey()), "grouping " + e.getKey() + ": " + places.explainUnknown(m)));
                    }
                }
            }
            for (List<String> cycle : places.groupingCycles()) {
                errors.add(Diagnostic.error(at.getOrDefault(cycle.get(0), Location.UNKNOWN), "grouping cycle: " + String.join(" -> ", cycle)));
            }
        }

        private Norm toNorm(YamlDocument d, String p, JsonNode n, Map<String, Lexicon> lexicons) {
            if (!n.isObject() || !n.path("id").isTextual() || !n.path("kind").isTextual() || !n.path("tier").isTextual()
                    || !n.path("topic").isTextual() || !n.path("statement").isTextual()) {
                return null; // the schema has reported what is missing
            }
            Kind kind;
            try {
                kind = Kind.parse(n.get("kind").asText());
            } catch (IllegalArgumentException e) {
                return null;
            }
            JsonNode s = n.path("scope");
            Scope scope = new Scope(strings(s.get("jurisdictions")), strings(s.get("domains")), strings(s.get("audiences")));
            JsonNode src = n.get("source");
            Source source = src == null || !src.isObject() ? null
                    : new Source(text(src.get("type"), null), text(src.get("citation"), null), text(src.get("url"), null));
            JsonNode eff = n.path("effective");
            LocalDate from = date(d, p + "/effective/from", eff.get("from"));
            LocalDate until = date(d, p + "/effective/until", eff.get("until"));
            if (from != null && until != null && !until.isAfter(from)) {
                errors.add(Diagnostic.error(d.at(p + "/effective/until"), "effective.until " + until + " must be after effective.from " + from));
            }
            List<Check> checks = new ArrayList<>();
            JsonNode cs = n.get("checks");
            if (cs != null && cs.isArray()) {
                for (JsonNode c : cs) {
                    if (c.path("detector").isTextual()) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> params = c.has("params") && c.get("params").isObject()
                                ? JSON.convertValue(c.get("params"), Map.class) : Map.of();
                        checks.add(new Check(c.get("detector").asText(), params));
                    }
                }
            }
            JsonNode ex = n.get("examples");
            Examples examples = ex == null || !ex.isObject() ? Examples.NONE
                    : new Examples(strings(ex.get("compliant")), strings(ex.get("violating")));
            @SuppressWarnings("unchecked")
            Map<String, Object> provenance = n.has("provenance") && n.get("provenance").isObject()
                    ? JSON.convertValue(n.get("provenance"), LinkedHashMap.class) : Map.of();
            return new Norm(n.get("id").asText(), n.get("statement").asText(), kind, n.get("tier").asText(),
                    n.get("topic").asText(), strings(n.get("values")), scope, source, new Effective(from, until),
                    strings(n.get("overrides")), checks, examples, LexiconReader.signals(d, p, n.get("signals"), lexicons, errors), provenance, d.at(p));
        }

        private void checkNorm(YamlDocument d, String p, Norm n, List<String> tiers, Jurisdictions places,
                               Set<String> domains, Set<String> audiences) {
            if (!tiers.contains(n.tier())) {
                errors.add(Diagnostic.error(d.at(p + "/tier"), "norm " + n.id() + ": unknown tier '" + n.tier()
                        + "'; expected one of " + String.join(", ", tiers)));
            }
            List<String> js = n.scope().jurisdictions();
            for (int i = 0; i < js.size(); i++) {
                if (!places.isKnown(js.get(i))) {
                    errors.add(Diagnostic.error(d.at(p + "/scope/jurisdictions/" + i), "norm " + n.id() + ": " + places.explainUnknown(js.get(i))));
                }
            }
            checkFacet(d, p + "/scope/domains/", n, n.scope().domains(), domains, "domain");
            checkFacet(d, p + "/scope/audiences/", n, n.scope().audiences(), audiences, "audience");
        }

        private void checkFacet(YamlDocument d, String p, Norm n, List<String> used, Set<String> declared, String what) {
            if (declared.isEmpty()) {
                return;
            }
            for (int i = 0; i < used.size(); i++) {
                String v = used.get(i);
                if (!v.equals(Scope.ALL) && !declared.contains(v)) {
                    errors.add(Diagnostic.error(d.at(p + i), "norm " + n.id() + ": unknown " + what + " '" + v
                            + "'; declared " + what + "s are " + String.join(", ", declared)));
                }
            }
        }

        private void checkOverrides(List<Norm> norms, Map<String, Norm> byId, List<String> tiers) {
            for (Norm n : norms) {
                for (String target : n.overrides()) {
                    Norm t = byId.get(target);
                    if (t == null) {
                        errors.add(Diagnostic.error(n.location(), "norm " + n.id() + " overrides '" + target + "', which no loaded file defines"));
                    } else if (t == n) {
                        errors.add(Diagnostic.error(n.location(), "norm " + n.id() + " overrides itself"));
                    } else if (tiers.indexOf(t.tier()) >= 0 && tiers.indexOf(n.tier()) > tiers.indexOf(t.tier())) {
                        errors.add(Diagnostic.error(n.location(), "norm " + n.id() + " (tier " + n.tier() + ") cannot override "
                                + t.id() + " (tier " + t.tier() + "): a lower tier never overrides a higher one"));
                    }
                }
            }
            Map<String, List<String>> edges = new LinkedHashMap<>();
            for (Norm n : norms) {
                edges.put(n.id(), n.overrides().stream().filter(t -> byId.containsKey(t) && !t.equals(n.id())).toList());
            }
            for (List<String> cycle : Cycles.of(edges)) {
                errors.add(Diagnostic.error(byId.get(cycle.get(0)).location(), "overrides cycle: " + String.join(" -> ", cycle)
                        + " (each would set the next aside, so none would apply)"));
            }
        }

        private LocalDate date(YamlDocument d, String p, JsonNode v) {
            if (v == null || !v.isTextual()) {
                return null;
            }
            try {
                return LocalDate.parse(v.asText());
            } catch (DateTimeParseException e) {
                if (v.asText().matches("\\d{4}-\\d{2}-\\d{2}")) {
                    errors.add(Diagnostic.error(d.at(p), "'" + v.asText() + "' is not a calendar date"));
                }
                return null;
            }
        }
    }

    private static List<Diagnostic> dedupe(List<Diagnostic> ds) {
        return List.copyOf(new LinkedHashSet<>(ds));
    }

    private static String text(JsonNode n, String fallback) {
        return n == null || n.isNull() || n.isContainerNode() ? fallback : n.asText();
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            for (JsonNode x : n) {
                if (x.isValueNode()) {
                    out.add(x.asText());
                }
            }
        }
        return out;
    }

    static Map<String, JsonNode> fields(JsonNode n) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }
}
