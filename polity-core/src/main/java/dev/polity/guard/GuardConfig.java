package dev.polity.guard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polity.input.Diagnostic;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import dev.polity.input.TextFile;
import dev.polity.input.YamlDocument;
import dev.polity.input.YamlSchema;
import dev.polity.model.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The gateway's configuration file (YAML or JSON, {@code schemas/gateway.schema.json}, docs/GATEWAY.md):
 * enforcement, the judge, streaming windows, audit, limits and tenants. Every key is optional; what is
 * missing takes the documented default. {@code polity check --config} reads the same file.
 *
 * @param digest SHA-256 of the file's bytes ("" for the defaults), recorded when the configuration is (re)loaded
 */
public record GuardConfig(Enforcement enforcement, Judging judging, Streaming streaming, boolean auditFullText, Limits limits,
                          Map<String, Tenant> tenants, String file, String digest) {
    static final String SCHEMA_RESOURCE = "/dev/polity/schemas/gateway.schema.json";
    private static final YamlSchema SCHEMA = YamlSchema.resource(SCHEMA_RESOURCE);

    /** How a streamed answer is checked: every {@code windowChars} new characters, with {@code holdbackChars} kept back. */
    public record Streaming(int windowChars, int holdbackChars) {
        public static final Streaming DEFAULT = new Streaming(160, 120);
    }

    /** Per-key request rate (a token bucket of {@code burst} refilled at {@code requestsPerMinute}), body size, upstream timeout. */
    public record Limits(int requestsPerMinute, int burst, long maxBodyBytes, Duration upstreamTimeout) {
        public static final Limits DEFAULT = new Limits(6000, 200, 1 << 20, Duration.ofSeconds(60));
    }

    /** A tenant's own constitution (null: the server's) and context defaults (null: not set here). */
    public record Tenant(Path constitution, String jurisdiction, String domain, String audience) {
    }

    public static final GuardConfig DEFAULT = new GuardConfig(Enforcement.DEFAULT, Judging.DEFAULT, Streaming.DEFAULT, false, Limits.DEFAULT,
            Map.of(), "<defaults>", "");

    public GuardConfig {
        tenants = java.util.Collections.unmodifiableMap(new TreeMap<>(tenants));
    }

    public GuardConfig withShadow(boolean on) {
        return new GuardConfig(enforcement.withShadow(on), judging, streaming, auditFullText, limits, tenants, file, digest);
    }

    /** The same, with the norm judge's model read from {@code model} (a user's, from {@code polity judge train --detector norm}). */
    public GuardConfig withNormModel(Path model) {
        return new GuardConfig(enforcement, judging.withNormModel(model), streaming, auditFullText, limits, tenants, file, digest);
    }

    /**
     * Reads a configuration file.
     *
     * @throws InvalidInputException naming the file, line and field, and what was expected
     */
    public static GuardConfig load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(new Location(name, 0, 0), "no such configuration file");
        }
        return parse(name, TextFile.read(file, name), file.toAbsolutePath().getParent());
    }

    /** Parses configuration text; relative tenant constitutions and the norm judge's model resolve against {@code dir}. */
    public static GuardConfig parse(String name, String text, Path dir) {
        YamlDocument doc = YamlDocument.parse(name, text);
        if (!doc.root().isObject() && !doc.root().isNull()) {
            throw new InvalidInputException(doc.at(""), "expected a mapping (enforcement, judge, streaming, audit, limits, tenants), found "
                    + YamlSchema.describeValue(doc.root()));
        }
        List<Diagnostic> errors = SCHEMA.validate(doc);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        JsonNode root = doc.root();
        Enforcement d = Enforcement.DEFAULT;
        JsonNode e = root.path("enforcement");
        Map<String, Action> tiers = new LinkedHashMap<>(d.tierActions());
        e.path("actions").fields().forEachRemaining(f -> tiers.put(f.getKey(), Action.parse(f.getValue().asText())));
        List<NormRule> rules = d.normRules();
        if (e.has("norms")) {
            rules = new ArrayList<>();
            for (JsonNode r : e.get("norms")) {
                rules.add(new NormRule(r.get("match").asText(), Action.parse(r.get("action").asText()),
                        r.hasNonNull("disclosure") ? r.get("disclosure").asText() : null));
            }
        }
        Set<String> closedTiers = e.path("fail_closed").has("tiers") ? strings(e.path("fail_closed").get("tiers")) : d.failClosedTiers();
        Action closedAction = e.path("fail_closed").has("action") ? Action.parse(e.path("fail_closed").get("action").asText()) : d.failClosedAction();
        Enforcement enforcement = new Enforcement(tiers, rules, closedTiers, closedAction,
                e.path("shadow").asBoolean(d.shadow()), e.path("disclosure").asText(d.disclosure()),
                e.path("review").path("hold").asBoolean(d.reviewHolds()),
                e.has("input_norms") ? List.copyOf(strings(e.get("input_norms"))) : d.inputNorms(),
                e.path("min_confidence").asDouble(d.minConfidence()),
                e.path("norm_judge_acts").asText("established").equals("always"));
        JsonNode j = root.path("judge");
        if (j.hasNonNull("model")) { // checked here, where the file can say where: not at the first undecided answer
            ModelSpec.problem(j.get("model").asText()).ifPresent(p -> {
                throw new InvalidInputException(doc.at("/judge/model"), "judge.model: " + p);
            });
        }
        Judging judging = new Judging(j.has("detectors") ? List.copyOf(strings(j.get("detectors"))) : List.of(),
                j.hasNonNull("model") ? j.get("model").asText() : null,
                j.hasNonNull("norm_model") ? dir.resolve(j.get("norm_model").asText()).normalize() : null);
        JsonNode s = root.path("streaming");
        Streaming streaming = new Streaming(s.path("window_chars").asInt(Streaming.DEFAULT.windowChars()),
                s.path("holdback_chars").asInt(Streaming.DEFAULT.holdbackChars()));
        JsonNode l = root.path("limits");
        Limits limits = new Limits(l.path("requests_per_minute").asInt(Limits.DEFAULT.requestsPerMinute()),
                l.path("burst").asInt(Limits.DEFAULT.burst()), l.path("max_body_bytes").asLong(Limits.DEFAULT.maxBodyBytes()),
                l.has("upstream_timeout_seconds") ? Duration.ofMillis(Math.round(l.get("upstream_timeout_seconds").asDouble() * 1000))
                        : Limits.DEFAULT.upstreamTimeout());
        Map<String, Tenant> tenants = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("tenants").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> t = it.next();
            JsonNode v = t.getValue();
            Path constitution = v.hasNonNull("constitution") ? dir.resolve(v.get("constitution").asText()).normalize() : null;
            tenants.put(t.getKey(), new Tenant(constitution, text(v, "jurisdiction"), text(v, "domain"), text(v, "audience")));
        }
        return new GuardConfig(enforcement, judging, streaming, root.path("audit").path("full_text").asBoolean(false), limits, tenants,
                name, sha256(text));
    }

    private static String text(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
