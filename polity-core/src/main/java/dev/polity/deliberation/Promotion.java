package dev.polity.deliberation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.polity.input.Diagnostic;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.input.TextFile;
import dev.polity.input.YamlDocument;
import dev.polity.input.YamlSchema;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Lint;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From broadly supported statements to a community-tier constitution layer. A statement is promoted when
 * its group-informed consensus reaches {@code minConsensus}, it is bridging (if required), and every
 * opinion group cast at least {@code minGroupVotes} votes on it. Kind, topic and scope come from the user
 * (a mapping per statement); the provenance records the deliberation, the date, the votes per group and
 * the scores. The layer is checked as a constitution before anyone writes it, and what is wrong with it
 * is reported where the user wrote it: the mapping file's line, or the answers typed at the prompt.
 */
public final class Promotion {
    private static final YamlSchema MAPPING_SCHEMA = YamlSchema.resource("/dev/polity/schemas/promotion-mapping.schema.json");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    /** Where answers typed at the prompt are reported. */
    static final Location TYPED = new Location("<stdin>", 0, 0);

    private Promotion() {
    }

    public record Thresholds(double minConsensus, boolean requireBridging, int minGroupVotes) {
        public static final Thresholds DEFAULTS = new Thresholds(0.5, true, 3);
    }

    /**
     * What the user decided for one statement. Null lists mean "*" (everywhere). {@code written} says where
     * each field was written ({@code ""}: the entry itself); empty for answers typed at the prompt.
     */
    public record Mapping(String id, String kind, String topic, List<String> jurisdictions, List<String> domains,
                          List<String> audiences, List<String> values, Map<String, Location> written) {
        /** A mapping typed at the prompt. */
        public Mapping(String id, String kind, String topic, List<String> jurisdictions, List<String> domains,
                       List<String> audiences, List<String> values) {
            this(id, kind, topic, jurisdictions, domains, audiences, values, Map.of());
        }

        Location at(String field) {
            return written.getOrDefault(field, written.getOrDefault("", TYPED));
        }
    }

    /** What a {@link Mapper} answers to leave a statement out of the layer (one the organiser did not choose). */
    public static final Mapping SKIP = new Mapping(null, null, null, null, null, null, null);

    /** Asks the user for a statement's mapping (interactively, or from a file); null when there is none. */
    public interface Mapper {
        Mapping map(Statement statement, String suggestedId);
    }

    /** The layer as YAML text, loaded and linted; nothing has been written yet. */
    public record Draft(String yaml, Constitution constitution, Lint.Report lint) {
    }

    /**
     * A mapping file (schemas/promotion-mapping.schema.json): statement id, or {@code "*"} for every other
     * statement, to {@code {id, kind, topic, jurisdictions, domains, audiences, values}}; lists may be
     * written as one comma-separated text.
     *
     * @throws InvalidInputException naming the file, the line and what was expected
     */
    public static Map<String, Mapping> mappings(Path file) {
        String name = file.toString();
        YamlDocument doc = YamlDocument.parse(name, TextFile.read(file, name));
        if (!doc.root().isObject() || doc.root().isEmpty()) {
            throw new InvalidInputException(doc.at(""), "expected statement id -> {kind, topic, jurisdictions, ...}, found "
                    + (doc.root().isObject() ? "no entries" : YamlSchema.describeValue(doc.root())));
        }
        List<Diagnostic> errors = MAPPING_SCHEMA.validate(doc);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.stream().sorted(Diagnostic.BY_PLACE).toList());
        }
        Map<String, Mapping> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.root().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String entry = "/" + YamlDocument.escape(e.getKey());
            JsonNode m = e.getValue();
            Map<String, Location> written = new LinkedHashMap<>();
            written.put("", doc.keyAt("", e.getKey()));
            m.fieldNames().forEachRemaining(f -> written.put(f, doc.at(entry + "/" + YamlDocument.escape(f))));
            out.put(e.getKey(), new Mapping(m.path("id").textValue(), m.path("kind").asText("should"), m.get("topic").asText(),
                    names(m.get("jurisdictions")), names(m.get("domains")), names(m.get("audiences")), names(m.get("values")), written));
        }
        return out;
    }

    private static List<String> names(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isArray()) {
            List<String> out = new ArrayList<>();
            n.forEach(x -> out.add(x.asText()));
            return out;
        }
        return list(n.asText());
    }

    /** Names written as one comma-separated text (in a mapping file, or typed at the prompt); null for null. */
    public static List<String> list(String text) {
        return text == null ? null : Arrays.stream(text.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /**
     * The layer, written as YAML and checked as a constitution named {@code name} would be. Load errors are
     * thrown and lint findings returned, each located at the mapping entry (and field) it came from.
     */
    public static Draft draft(Deliberation d, Thresholds t, Mapper mapper, LocalDate date, String name) {
        List<Mapping> used = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        String yaml;
        try {
            yaml = YAML.writeValueAsString(layer(d, t, mapper, date, used, statements));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Constitution c;
        try {
            c = ConstitutionLoader.fromString(name, yaml);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(relocate(e.errors(), yaml, used, statements));
        }
        Lint.Report lint = Lint.check(c, date);
        return new Draft(yaml, c, new Lint.Report(relocate(lint.findings(), yaml, used, statements), lint.conflicts(), lint.contexts()));
    }

    /** The generated norm's fields a mapping decides, as pointers under the norm; the rest belong to the entry as a whole. */
    private static final List<String> FIELDS = List.of("id", "statement", "kind", "tier", "topic", "values", "scope",
            "scope/jurisdictions", "scope/domains", "scope/audiences", "source", "provenance");

    /** Moves findings about the generated layer to where the user wrote what caused them. */
    private static List<Diagnostic> relocate(List<Diagnostic> found, String yaml, List<Mapping> used, List<String> statements) {
        if (used.isEmpty()) {
            return found;
        }
        YamlDocument doc = YamlDocument.parse("layer", yaml);
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic x : found) {
            int line = x.location().line();
            int i = used.size() - 1;
            while (i >= 0 && doc.at("/norms/" + i).line() > line) {
                i--;
            }
            if (i < 0 || line <= 0) {
                out.add(x);
                continue;
            }
            String field = "";
            int fieldLine = 0;
            for (String f : FIELDS) {
                String pointer = "/norms/" + i + "/" + f;
                int slash = pointer.lastIndexOf('/');
                int at = doc.keyAt(pointer.substring(0, slash), pointer.substring(slash + 1)).line();
                if (!doc.root().at(pointer).isMissingNode() && at <= line && at >= fieldLine) {
                    field = f.substring(f.indexOf('/') + 1);
                    fieldLine = at;
                }
            }
            String message = x.message().replaceFirst("^norms\\[\\d+\\]\\.(scope\\.)?", "");
            out.add(new Diagnostic(used.get(i).at(field), x.severity(), "statement " + statements.get(i) + ": " + message));
        }
        out.sort(Diagnostic.BY_PLACE);
        return out;
    }

    /** Indices of the statements that pass the thresholds, most consensual first. */
    public static List<Integer> candidates(Deliberation d, Thresholds t) {
        List<Integer> out = new ArrayList<>();
        for (int j : d.columns()) {
            if (d.consensus()[j] < t.minConsensus()) {
                continue;
            }
            if (t.requireBridging() && (d.bridging() == null || !d.bridging().isBridging(j))) {
                continue;
            }
            boolean enough = d.groups().k() > 0;
            for (int g = 0; g < d.groups().k(); g++) {
                enough &= d.groupVotes().seen()[j][g] >= t.minGroupVotes();
            }
            if (enough) {
                out.add(j);
            }
        }
        out.sort((a, b) -> Double.compare(d.consensus()[b], d.consensus()[a]));
        return out;
    }

    /** The layer as a YAML-ready map (constitution.schema.json); the mapping and statement of each norm go to {@code used} and {@code statements}. */
    private static Map<String, Object> layer(Deliberation d, Thresholds t, Mapper mapper, LocalDate date, List<Mapping> used,
                                             List<String> statements) {
        Conversation c = d.conversation();
        String slug = slug(c.name());
        List<Map<String, Object>> norms = new ArrayList<>();
        for (int j : candidates(d, t)) {
            Statement s = c.statements().get(j);
            String suggested = "deliberation." + slug + ".s" + slug(s.id());
            Mapping m = mapper.map(s, suggested);
            if (m == SKIP) {
                continue;
            }
            if (m == null) {
                throw new InvalidInputException(null, "statement " + s.id() + ": no kind/topic/scope given (use --mapping FILE or answer the prompts)");
            }
            used.add(m);
            statements.add(s.id());
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", m.id() == null || m.id().isBlank() ? suggested : m.id());
            n.put("statement", s.text().isBlank() ? "Statement " + s.id() + " of " + c.name() : s.text().strip());
            n.put("kind", m.kind());
            n.put("tier", "community");
            n.put("topic", m.topic());
            if (m.values() != null && !m.values().isEmpty()) {
                n.put("values", m.values());
            }
            Map<String, Object> scope = new LinkedHashMap<>();
            scope.put("jurisdictions", m.jurisdictions() == null || m.jurisdictions().isEmpty() ? List.of("*") : m.jurisdictions());
            if (m.domains() != null && !m.domains().isEmpty()) {
                scope.put("domains", m.domains());
            }
            if (m.audiences() != null && !m.audiences().isEmpty()) {
                scope.put("audiences", m.audiences());
            }
            n.put("scope", scope);
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("type", "deliberation");
            source.put("citation", "Deliberation " + c.name() + ", statement " + s.id());
            n.put("source", source);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("type", "deliberation");
            p.put("by", "participants of " + c.name());
            p.put("adopted", date.toString());
            p.put("deliberation", c.name());
            p.put("statement_id", s.id());
            p.put("date", date.toString());
            Map<String, Object> byGroup = new LinkedHashMap<>();
            for (int g = 0; g < d.groups().k(); g++) {
                Map<String, Object> votes = new LinkedHashMap<>();
                votes.put("agree", d.groupVotes().agree()[j][g]);
                votes.put("disagree", d.groupVotes().disagree()[j][g]);
                votes.put("pass", d.groupVotes().pass(j, g));
                byGroup.put(Integer.toString(g), votes);
            }
            p.put("votes_by_group", byGroup);
            p.put("consensus", round(d.consensus()[j]));
            if (d.bridging() != null) {
                p.put("bridging_intercept", round(d.bridging().statementIntercept()[j]));
                p.put("bridging_factor", round(d.bridging().statementFactor()[j]));
            }
            n.put("provenance", p);
            norms.add(n);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "Community norms from deliberation " + c.name());
        doc.put("version", date.toString());
        doc.put("description", "Statements with group-informed consensus >= " + t.minConsensus()
                + (t.requireBridging() ? ", bridging," : ",") + " and at least " + t.minGroupVotes() + " votes in every opinion group.");
        doc.put("norms", norms);
        return doc;
    }

    static String slug(String s) {
        String x = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return x.isEmpty() ? "x" : x;
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
