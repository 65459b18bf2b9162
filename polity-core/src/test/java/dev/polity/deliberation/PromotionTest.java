package dev.polity.deliberation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.input.InvalidInputException;
import dev.polity.norms.Norm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broadly supported statements become a community layer the foundation loads and lints cleanly. */
class PromotionTest {

    @Test
    void bridgingStatementsBecomeLintedCommunityNorms() {
        PlantedConversation.Spec spec = new PlantedConversation.Spec(300, 30, 6000, 2, 3, 0.95, 11);
        Deliberation d = Deliberation.analyse(PlantedConversation.generate(spec), Deliberation.Options.DEFAULTS);
        Promotion.Mapper mapper = (s, suggested) -> new Promotion.Mapping(null, "should", "conduct.planted", List.of("GB"), null, null, List.of("fairness"));
        Promotion.Draft draft = Promotion.draft(d, Promotion.Thresholds.DEFAULTS, mapper, LocalDate.of(2026, 1, 15), "community.yaml");
        Constitution c = draft.constitution();
        assertEquals(List.of("deliberation.planted.s0", "deliberation.planted.s1", "deliberation.planted.s2"),
                c.norms().stream().map(Norm::id).sorted().toList());
        assertFalse(draft.lint().hasErrors(), draft.lint().findings().toString());
        assertEquals(c.norms(), ConstitutionLoader.fromString("community.yaml", draft.yaml()).norms());
        for (String key : List.of("tier: community", "votes_by_group", "consensus", "bridging_intercept", "deliberation: planted",
                "date: 2026-01-15")) {
            org.junit.jupiter.api.Assertions.assertTrue(draft.yaml().contains(key), key + " in\n" + draft.yaml());
        }
    }

    @Test
    void aStatementWithoutMappingIsTheUsersError() {
        PlantedConversation.Spec spec = new PlantedConversation.Spec(200, 20, 3000, 2, 2, 0.95, 3);
        Deliberation d = Deliberation.analyse(PlantedConversation.generate(spec), Deliberation.Options.DEFAULTS);
        assertThrows(InvalidInputException.class, () -> Promotion.draft(d, Promotion.Thresholds.DEFAULTS, (s, id) -> null, LocalDate.of(2026, 1, 1), "x.yaml"));
    }

    /** Issue 10, defect 2: errors in the promoted layer point at the mapping entry that caused them, not into the generated file. */
    @Test
    void defect2ErrorsPointIntoTheMapping(@TempDir Path dir) throws Exception {
        PlantedConversation.Spec spec = new PlantedConversation.Spec(300, 30, 6000, 2, 3, 0.95, 11);
        Deliberation d = Deliberation.analyse(PlantedConversation.generate(spec), Deliberation.Options.DEFAULTS);
        Path file = dir.resolve("mapping.yaml");
        Files.writeString(file, "\"*\":\n  kind: ought\n  topic: conduct.planted\n");
        assertEquals(List.of(file + ":2:9: kind: 'ought' is not allowed; expected one of must, must_not, should, should_not, may"),
                layerErrors(d, file));
        Files.writeString(file, "\"*\":\n  kind: must\n  topic: conduct.planted\n  jurisdictions: [GB, XX]\n");
        assertEquals(List.of(file + ":4:18: norm deliberation.planted.s{}: unknown jurisdiction 'XX': expected *, an ISO 3166-1 alpha-2 "
                + "country (DE), an ISO 3166-2 subdivision (DE-BY) or a grouping (EU, EEA)"), layerErrors(d, file));
    }

    /** The distinct errors of promoting every statement with the mapping file's "*" entry, the statement's number replaced by {}. */
    private static List<String> layerErrors(Deliberation d, Path file) {
        Map<String, Promotion.Mapping> table = Promotion.mappings(file);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Promotion.draft(d, Promotion.Thresholds.DEFAULTS,
                (s, id) -> table.get("*"), LocalDate.of(2026, 1, 15), "community.yaml"));
        return e.errors().stream().map(x -> x.toString().replaceAll("statement \\d+: ", "").replaceAll("\\.s\\d+:", ".s{}:")).distinct().toList();
    }

    /** Issue 10, defect 11: a mis-typed value in a mapping names the file, the line and the type, never a Java cast. */
    @Test
    void defect11MistypedMappingValueNamesLineAndType(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mapping.yaml");
        Files.writeString(file, "\"12\":\n  id: 12\n  topic: conduct.respect\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Promotion.mappings(file));
        assertEquals(file + ":2:7: 12.id: expected a text, found the number 12", e.oneLine());
        Files.writeString(file, "");
        e = assertThrows(InvalidInputException.class, () -> Promotion.mappings(file));
        assertEquals(file + ":1:1: expected statement id -> {kind, topic, jurisdictions, ...}, found no entries", e.oneLine());
    }

    @Test
    void mappingListsMayBeCommaSeparatedText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mapping.yaml");
        Files.writeString(file, "\"3\": {id: community.x, kind: must, topic: t, jurisdictions: \"DE, FR\", values: [fairness]}\n");
        Promotion.Mapping m = Promotion.mappings(file).get("3");
        assertEquals(List.of("DE", "FR"), m.jurisdictions());
        assertEquals(List.of("fairness"), m.values());
        assertEquals("community.x", m.id());
        assertEquals("must", m.kind());
        assertEquals(null, m.domains());
    }

    @Test
    void thresholdsFilter() {
        PlantedConversation.Spec spec = new PlantedConversation.Spec(200, 20, 3000, 2, 2, 0.95, 3);
        Deliberation d = Deliberation.analyse(PlantedConversation.generate(spec), Deliberation.Options.DEFAULTS);
        assertEquals(List.of(), Promotion.candidates(d, new Promotion.Thresholds(0.99, true, 3)));
        assertEquals(2, Promotion.candidates(d, new Promotion.Thresholds(0.5, true, 3)).size());
        assertEquals(List.of(), Promotion.candidates(d, new Promotion.Thresholds(0.0, true, 10_000)));
    }
}
