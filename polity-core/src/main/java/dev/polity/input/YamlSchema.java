package dev.polity.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON Schema (2020-12) bundled as a class-path resource, applied to a {@link YamlDocument}; its
 * messages are rewritten to name the line, the column, the field and what was expected. The
 * constitution and the evaluation suite formats both use it.
 */
public final class YamlSchema {
    private final JsonNode schemaJson;
    private final JsonSchema schema;

    private YamlSchema(JsonNode schemaJson) {
        this.schemaJson = schemaJson;
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson);
    }

    /** The schema at a class-path resource such as {@code /dev/polity/schemas/suite.schema.json}. */
    public static YamlSchema resource(String resource) {
        try (InputStream in = YamlSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the classpath");
            }
            return new YamlSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every way the document departs from the schema, one diagnostic each. */
    public List<Diagnostic> validate(YamlDocument doc) {
        Set<ValidationMessage> messages = schema.validate(doc.root);
        List<Diagnostic> out = new ArrayList<>();
        for (ValidationMessage m : messages) {
            out.add(describe(doc, m));
        }
        return out;
    }

    private Diagnostic describe(YamlDocument doc, ValidationMessage m) {
        String pointer = pointer(m.getInstanceLocation());
        String where = readable(m.getInstanceLocation());
        JsonNode rule = schemaNode(m);
        JsonNode value = m.getInstanceNode();
        switch (m.getType()) {
            case "additionalProperties": {
                String field = m.getProperty();
                JsonNode props = rule == null ? null : rule.get("properties");
                String expected = props == null ? "" : "; expected one of " + String.join(", ", names(props));
                return Diagnostic.error(doc.keyAt(pointer, field),
                        "unknown field '" + field + "'" + (where.isEmpty() ? "" : " in " + where) + expected);
            }
            case "required":
                return Diagnostic.error(doc.at(pointer), (where.isEmpty() ? "document" : where)
                        + " is missing required field '" + m.getProperty() + "'");
            case "enum": {
                JsonNode allowed = rule == null ? null : rule.get("enum");
                return Diagnostic.error(doc.at(pointer), where + ": " + shown(value) + " is not allowed; expected one of "
                        + (allowed == null ? "the documented values" : String.join(", ", values(allowed))));
            }
            case "type": {
                JsonNode type = rule == null ? null : rule.get("type");
                return Diagnostic.error(doc.at(pointer), where + ": expected " + (type == null ? "another type" : describeType(type))
                        + ", found " + describeValue(value));
            }
            case "pattern":
                return Diagnostic.error(doc.at(pointer), where + ": " + shown(value) + " is not " + patternHint(m, rule));
            case "minItems": {
                int min = rule == null ? 1 : rule.path("minItems").asInt(1);
                return Diagnostic.error(doc.at(pointer), where + ": expected at least " + (min <= 1 ? "one entry" : min + " entries"));
            }
            case "minLength":
                return Diagnostic.error(doc.at(pointer), where + ": expected a non-empty text");
            case "uniqueItems":
                return Diagnostic.error(doc.at(pointer), where + ": entries must not repeat");
            default:
                String msg = m.getMessage();
                int colon = msg.indexOf(": ");
                return Diagnostic.error(doc.at(pointer), where + ": " + (colon >= 0 ? msg.substring(colon + 2) : msg));
        }
    }

    private static String patternHint(ValidationMessage m, JsonNode rule) {
        String loc = m.getSchemaLocation().getFragment().toString();
        if (loc.contains("jurisdictionCode")) {
            return "a jurisdiction code (*, DE, DE-BY or a grouping such as EU)";
        }
        if (loc.contains("facet")) {
            return "a lower-case name or *";
        }
        if (loc.contains("date")) {
            return "a date of the form YYYY-MM-DD";
        }
        if (loc.contains("/id/")) {
            return "a dotted lower-case id such as eu.ai-act.disclose-ai";
        }
        if (loc.contains("url")) {
            return "an http(s) URL";
        }
        if (loc.contains("propertyNames")) {
            return "a valid code (grouping: upper-case letters, digits and dashes; subdivision: CC-XXX)";
        }
        if (rule != null && rule.path("x-expected").isTextual()) {
            return rule.get("x-expected").asText();
        }
        return "of the expected form (lower-case letters, digits, '-', '_')";
    }

    private JsonNode schemaNode(ValidationMessage m) {
        JsonNodePath fragment = m.getSchemaLocation().getFragment();
        JsonNode node = schemaJson;
        // The fragment ends in the failing keyword; its parent is the schema object that holds it.
        for (int i = 0; i < fragment.getNameCount() - 1 && node != null; i++) {
            Object e = fragment.getElement(i);
            node = e instanceof Integer idx ? node.get(idx) : node.get(String.valueOf(e));
        }
        return node;
    }

    static String pointer(JsonNodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(YamlDocument.escape(String.valueOf(path.getElement(i))));
        }
        return sb.toString();
    }

    static String readable(JsonNodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object e = path.getElement(i);
            if (e instanceof Integer idx) {
                sb.append('[').append(idx).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(e);
            }
        }
        return sb.toString();
    }

    private static List<String> names(JsonNode obj) {
        List<String> out = new ArrayList<>();
        obj.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> values(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = arr.elements(); it.hasNext(); ) {
            out.add(it.next().asText());
        }
        return out;
    }

    private static String describeType(JsonNode type) {
        if (type.isArray()) {
            return String.join(" or ", values(type).stream().map(YamlSchema::article).toList());
        }
        return article(type.asText());
    }

    private static String article(String t) {
        return switch (t) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "string" -> "a text";
            case "integer" -> "an integer";
            default -> "a " + t;
        };
    }

    /** A value as a sentence fragment: {@code a mapping}, {@code the text 'x'}. */
    public static String describeValue(JsonNode v) {
        if (v == null || v.isNull()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isNumber()) {
            return "the number " + v.asText();
        }
        if (v.isBoolean()) {
            return "the boolean " + v.asText();
        }
        return "the text '" + abbreviated(v.asText()) + "'";
    }

    private static String shown(JsonNode v) {
        return v == null ? "value" : v.isTextual() ? "'" + abbreviated(v.asText()) + "'" : abbreviated(v.toString());
    }

    /** At most 80 characters of a value, so that an error about a long one stays one readable line. */
    private static String abbreviated(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
