package dev.polity.eval;

import dev.polity.input.InvalidInputException;
import dev.polity.model.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Context;
import dev.polity.norms.Jurisdictions;
import dev.polity.input.Diagnostic;
import dev.polity.input.Location;
import dev.polity.input.TextFile;
import dev.polity.input.YamlDocument;
import dev.polity.input.YamlSchema;
import dev.polity.model.ModelSpec;
import dev.polity.store.Provenance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an evaluation suite from YAML: the JSON Schema first ({@code schemas/suite.schema.json}), then
 * what a schema cannot say (a case has exactly one of prompt, conversation and template; its contexts
 * exist; template slots and attributes match; probes exist and their parameters are right; dates are
 * calendar dates). Every error is collected and thrown together as a {@link InvalidInputException}.
 * The constitution is not loaded here, only located: the runner loads it with {@link #constitution(Suite)},
 * which checks the contexts' jurisdictions against it. Contexts without a date take the
 * evaluation date the caller gives (never the clock read here, so a resumed run sees the dates it started with).
 */
public final class SuiteLoader {
    static final String RESOURCE = "/dev/polity/schemas/suite.schema.json";
    private static final YamlSchema SCHEMA = YamlSchema.resource(RESOURCE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SuiteLoader() {
    }

    public static Suite load(Path file, LocalDate evaluationDate) {
        String name = display(file);
        if (!Files.exists(file)) {
            throw new InvalidInputException(List.of(Diagnostic.error(new Location(name, 0, 0), "no such suite file")));
        }
        return parse(name, file.toAbsolutePath().normalize(), TextFile.read(file, name), evaluationDate);
    }

    /** Parses YAML text as if it were the file {@code path} (the constitution resolves against its folder). */
    public static Suite fromString(Path path, String yaml, LocalDate evaluationDate) {
        return parse(display(path), path.toAbsolutePath().normalize(), yaml, evaluationDate);
    }

    /**
     * The suite's constitution, loaded, with every context's jurisdiction checked against the places it knows
     * (the one jurisdiction check, {@link Jurisdictions}: ISO 3166, the bundled subdivisions and the
     * constitution's own groupings and subdivisions). An unknown one is reported at the suite's line.
     */
    public static Constitution constitution(Suite suite) {
        Constitution c = ConstitutionLoader.load(suite.constitution());
        Jurisdictions places = c.jurisdictions();
        List<Diagnostic> errors = new ArrayList<>();
        for (NamedContext nc : suite.contexts().values()) {
            String code = nc.context().jurisdiction();
            if (!places.isKnown(code)) {
                errors.add(Diagnostic.error(nc.location(), "context " + nc.name() + ": " + places.explainUnknown(code)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(sorted(errors));
        }
        return c;
    }

    private static String display(Path p) {
        Path base = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs) : abs).toString();
    }

    private static Suite parse(String name, Path file, String yaml, LocalDate evaluationDate) {
        YamlDocument doc;
        try {
            doc = YamlDocument.parse(name, yaml);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.errors());
        }
        List<Diagnostic> errors = new ArrayList<>();
        if (doc.root().isObject() && doc.root().isEmpty()) {
            throw new InvalidInputException(new Location(name, 0, 0), "the file is empty; expected a mapping with constitution, contexts, cases and probes");
        }
        if (!doc.root().isObject()) {
            throw new InvalidInputException(List.of(Diagnostic.error(doc.at(""), "expected a mapping with constitution, contexts, cases and probes, found "
                    + YamlSchema.describeValue(doc.root()))));
        }
        errors.addAll(SCHEMA.validate(doc));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(sorted(errors));
        }
        Suite suite = new Reading(doc, file, evaluationDate, errors).suite(Provenance.sha256(yaml));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(sorted(errors));
        }
        return suite;
    }

    private static List<Diagnostic> sorted(List<Diagnostic> errors) {
        List<Diagnostic> out = new ArrayList<>(new java.util.LinkedHashSet<>(errors));
        out.sort(Diagnostic.BY_PLACE);
        return out;
    }

    /** One schema-valid document being turned into a suite; semantic errors go to {@code errors}. */
    private record Reading(YamlDocument doc, Path file, LocalDate evaluationDate, List<Diagnostic> errors) {

        Suite suite(String digest) {
            JsonNode root = doc.root();
            LocalDate defaultDate = root.has("date") ? date("/date", root.get("date").asText()) : null;
            Map<String, NamedContext> contexts = new LinkedHashMap<>();
            for (var it = root.get("contexts").fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode c = e.getValue();
                String p = "/contexts/" + YamlDocument.escape(e.getKey());
                LocalDate d = c.has("date") ? date(p + "/date", c.get("date").asText()) : defaultDate;
                contexts.put(e.getKey(), new NamedContext(e.getKey(), new Context(c.get("jurisdiction").asText(),
                        text(c, "domain"), text(c, "audience"), d == null ? evaluationDate : d), doc.at(p + "/jurisdiction")));
            }
            List<Case> cases = new ArrayList<>();
            Map<String, Location> seen = new LinkedHashMap<>();
            JsonNode cs = root.get("cases");
            for (int i = 0; i < cs.size(); i++) {
                Case c = toCase("/cases/" + i, cs.get(i), contexts);
                if (c == null) {
                    continue;
                }
                Location first = seen.putIfAbsent(c.id(), c.location());
                if (first != null) {
                    errors.add(Diagnostic.error(doc.at("/cases/" + i + "/id"), "duplicate case id '" + c.id() + "' (first defined at " + first + ")"));
                } else {
                    cases.add(c);
                }
            }
            List<ProbeSpec> probes = new ArrayList<>();
            JsonNode ps = root.get("probes");
            for (int i = 0; i < ps.size(); i++) {
                ProbeSpec spec = toProbe("/probes/" + i, ps.get(i));
                if (spec == null) {
                    continue;
                }
                try {
                    Probes.create(spec);
                    probes.add(spec);
                } catch (InvalidInputException e) {
                    errors.add(Diagnostic.error(e.location(), e.getMessage()));
                }
            }
            List<String> models = new ArrayList<>();
            root.path("models").forEach(m -> models.add(m.asText()));
            for (int i = 0; i < models.size(); i++) {
                int at = i;
                ModelSpec.problem(models.get(i)).ifPresent(p -> errors.add(Diagnostic.error(doc.at("/models/" + at), "models[" + at + "]: " + p)));
            }
            JsonNode j = root.path("judge");
            List<String> detectors = new ArrayList<>();
            j.path("detectors").forEach(d -> detectors.add(d.asText()));
            @SuppressWarnings("unchecked")
            Map<String, Object> judgeParams = j.has("params") ? JSON.convertValue(j.get("params"), LinkedHashMap.class) : Map.of();
            if (j.hasNonNull("model")) {
                ModelSpec.problem(j.get("model").asText()).ifPresent(p -> errors.add(Diagnostic.error(doc.at("/judge/model"), "judge.model: " + p)));
            }
            JudgeSettings judge = new JudgeSettings(detectors, text(j, "model"), judgeParams);
            JsonNode g = root.path("gates");
            Thresholds gates = new Thresholds(rate(g, "min_compliance"), rate(g, "max_attack_success"), rate(g, "max_flip_rate"),
                    rate(g, "max_over_refusal"), rate(g, "max_counterfactual_gap"), rate(g, "max_uncertain"),
                    g.path("conservative").asBoolean(false));
            JsonNode cm = root.get("context_message");
            String contextMessage = cm == null ? Suite.DEFAULT_CONTEXT_MESSAGE : cm.isBoolean() ? (cm.asBoolean() ? Suite.DEFAULT_CONTEXT_MESSAGE : null) : cm.asText();
            Path constitution = file.getParent().resolve(root.get("constitution").asText()).normalize();
            if (!Files.isRegularFile(constitution)) {
                errors.add(Diagnostic.error(doc.at("/constitution"), "constitution file " + root.get("constitution").asText()
                        + " does not exist (resolved to " + constitution + ")"));
            }
            return new Suite(text(root, "name") == null ? file.getFileName().toString() : text(root, "name"), text(root, "description"),
                    file, constitution, contextMessage, contexts, cases, probes, models, judge, gates, digest, evaluationDate);
        }

        private Case toCase(String p, JsonNode n, Map<String, NamedContext> contexts) {
            String id = n.get("id").asText();
            int forms = (n.has("prompt") ? 1 : 0) + (n.has("template") ? 1 : 0);
            if (forms == 0 && !n.has("conversation")) {
                errors.add(Diagnostic.error(doc.at(p), "case " + id + " needs a prompt, a conversation or a template"));
                return null;
            }
            if (n.has("prompt") && n.has("conversation")) {
                errors.add(Diagnostic.error(doc.keyAt(p, "conversation"), "case " + id + ": give either prompt or conversation, not both"));
                return null;
            }
            if (n.has("prompt") && n.has("template")) {
                errors.add(Diagnostic.error(doc.keyAt(p, "template"), "case " + id + ": give either prompt or template, not both "
                        + "(a template is the last user message; put earlier turns in conversation)"));
                return null;
            }
            List<Message> conversation = new ArrayList<>();
            if (n.has("prompt")) {
                conversation.add(Message.user(n.get("prompt").asText()));
            }
            JsonNode conv = n.get("conversation");
            if (conv != null) {
                for (int i = 0; i < conv.size(); i++) {
                    JsonNode m = conv.get(i);
                    conversation.add(new Message(Message.Role.valueOf(m.get("role").asText().trim().toUpperCase(java.util.Locale.ROOT)), m.get("content").asText()));
                }
                Message.Role last = conversation.get(conversation.size() - 1).role();
                if (!n.has("template") && last != Message.Role.USER) {
                    errors.add(Diagnostic.error(doc.at(p + "/conversation/" + (conv.size() - 1)), "case " + id
                            + ": a conversation must end with a user message, found " + last.wireName()));
                }
                if (n.has("template") && last == Message.Role.USER) {
                    errors.add(Diagnostic.error(doc.at(p + "/conversation/" + (conv.size() - 1)), "case " + id
                            + ": with a template (the last user message), the conversation must end with an assistant message"));
                }
            }
            Template template = null;
            JsonNode t = n.get("template");
            if (t != null) {
                Map<String, List<String>> attrs = new LinkedHashMap<>();
                t.get("attributes").fields().forEachRemaining(e -> {
                    List<String> vs = new ArrayList<>();
                    e.getValue().forEach(v -> vs.add(v.asText()));
                    attrs.put(e.getKey(), vs);
                });
                template = new Template(t.get("text").asText(), attrs);
                for (String slot : template.slots()) {
                    if (!attrs.containsKey(slot)) {
                        errors.add(Diagnostic.error(doc.at(p + "/template/text"), "case " + id + ": template slot {" + slot
                                + "} has no values under attributes (attributes: " + String.join(", ", attrs.keySet()) + ")"));
                    }
                }
                for (String a : attrs.keySet()) {
                    if (!template.slots().contains(a)) {
                        errors.add(Diagnostic.error(doc.keyAt(p + "/template/attributes", a), "case " + id + ": attribute '" + a
                                + "' is not a slot of the template text (write {" + a + "} where it goes)"));
                    }
                }
            }
            List<String> caseContexts = new ArrayList<>();
            JsonNode cc = n.get("contexts");
            if (cc != null) {
                for (int i = 0; i < cc.size(); i++) {
                    String c = cc.get(i).asText();
                    if (!contexts.containsKey(c)) {
                        errors.add(Diagnostic.error(doc.at(p + "/contexts/" + i), "case " + id + ": unknown context '" + c
                                + "'; the suite defines " + String.join(", ", contexts.keySet())));
                    }
                    caseContexts.add(c);
                }
            }
            List<String> correct = new ArrayList<>();
            JsonNode ca = n.get("correct_answer");
            if (ca != null) {
                if (ca.isArray()) {
                    ca.forEach(x -> correct.add(x.asText()));
                } else {
                    correct.add(ca.asText());
                }
            }
            List<String> tags = new ArrayList<>();
            n.path("tags").forEach(x -> tags.add(x.asText()));
            return new Case(id, conversation, Behaviour.parse(n.get("expect").asText()), caseContexts, correct, template, tags, doc.at(p));
        }

        private ProbeSpec toProbe(String p, JsonNode n) {
            if (n.isTextual()) {
                return new ProbeSpec(n.asText(), Map.of(), doc.at(p));
            }
            if (n.size() != 1) {
                errors.add(Diagnostic.error(doc.at(p), "a probe is its name, or one name with its parameters (jailbreak: {wrappers: [base64]}); found "
                        + n.size() + " names"));
                return null;
            }
            var e = n.fields().next();
            JsonNode params = e.getValue();
            if (!params.isNull() && !params.isObject()) {
                errors.add(Diagnostic.error(doc.at(p + "/" + YamlDocument.escape(e.getKey())), "probe " + e.getKey()
                        + ": expected a mapping of parameters, found " + YamlSchema.describeValue(params)));
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = params.isNull() ? Map.of() : JSON.convertValue(params, LinkedHashMap.class);
            return new ProbeSpec(e.getKey(), map, doc.keyAt(p, e.getKey()));
        }

        private LocalDate date(String pointer, String s) {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                errors.add(Diagnostic.error(doc.at(pointer), s + " is not a calendar date"));
                return null;
            }
        }

        private static String text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }

        private static Double rate(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? null : v.asDouble();
        }
    }
}
