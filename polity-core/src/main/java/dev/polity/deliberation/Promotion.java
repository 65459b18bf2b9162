package dev.polity.deliberation;

import dev.polity.input.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From broadly supported statements to a community-tier constitution layer. A statement is promoted when
 * its group-informed consensus reaches {@code minConsensus}, it is bridging (if required), and every
 * opinion group cast at least {@code minGroupVotes} votes on it. Kind, topic and scope come from the user
 * (a mapping per statement); the provenance records the deliberation, the date, the votes per group and
 * the scores.
 */
public final class Promotion {
    private Promotion() {
    }

    public record Thresholds(double minConsensus, boolean requireBridging, int minGroupVotes) {
        public static final Thresholds DEFAULTS = new Thresholds(0.5, true, 3);
    }

    /** What the user decided for one statement. Null lists mean "*" (everywhere). */
    public record Mapping(String id, String kind, String topic, List<String> jurisdictions, List<String> domains,
                          List<String> audiences, List<String> values) {
    }

    /** Asks the user for a statement's mapping (interactively, or from a file); null when there is none. */
    public interface Mapper {
        Mapping map(Statement statement, String suggestedId);
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

    /** The layer as a YAML-ready map (constitution.schema.json). */
    public static Map<String, Object> layer(Deliberation d, Thresholds t, Mapper mapper, LocalDate date) {
        Conversation c = d.conversation();
        String slug = slug(c.name());
        List<Map<String, Object>> norms = new ArrayList<>();
        for (int j : candidates(d, t)) {
            Statement s = c.statements().get(j);
            String suggested = "deliberation." + slug + ".s" + slug(s.id());
            Mapping m = mapper.map(s, suggested);
            if (m == null) {
                throw new InvalidInputException(null, "statement " + s.id() + ": no kind/topic/scope given (use --mapping FILE or answer the prompts)");
            }
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

    /** A layer written to a file and read back: its YAML text, the constitution loaded from it, and its lint report. */
    public record Written(String yaml, dev.polity.norms.Constitution constitution, dev.polity.norms.Lint.Report lint) {
    }

    /**
     * Writes a layer ({@link #layer}) as YAML to {@code file}, loads it as a constitution and lints it, as a promotion
     * is always checked before anyone adopts it.
     *
     * @throws InvalidInputException when the written layer cannot be loaded (schema errors, naming file and line)
     */
    public static Written write(Map<String, Object> layer, java.nio.file.Path file, LocalDate day) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
                        .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES));
        String text = yaml.writeValueAsString(layer);
        java.nio.file.Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
        dev.polity.norms.Constitution c = dev.polity.norms.ConstitutionLoader.load(file);
        return new Written(text, c, dev.polity.norms.Lint.check(c, day));
    }

    static String slug(String s) {
        String x = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return x.isEmpty() ? "x" : x;
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
