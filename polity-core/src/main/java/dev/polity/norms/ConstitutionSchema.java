package dev.polity.norms;

import dev.polity.input.YamlSchema;
import dev.polity.input.YamlDocument;
import dev.polity.input.Diagnostic;
import java.util.List;

/**
 * The JSON Schema of the constitution format ({@code schemas/constitution.schema.json} in the repository,
 * bundled as a resource).
 */
final class ConstitutionSchema {
    static final String RESOURCE = "/dev/polity/schemas/constitution.schema.json";
    private static final YamlSchema SCHEMA = YamlSchema.resource(RESOURCE);

    private ConstitutionSchema() {
    }

    static List<Diagnostic> validate(YamlDocument doc) {
        return SCHEMA.validate(doc);
    }

    static String describeValue(com.fasterxml.jackson.databind.JsonNode v) {
        return YamlSchema.describeValue(v);
    }
}
