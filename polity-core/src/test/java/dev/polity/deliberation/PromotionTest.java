package dev.polity.deliberation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.input.InvalidInputException;
import dev.polity.norms.Lint;
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
    void bridgingStatementsBecomeLintedCommunityNorms(@TempDir Path dir) throws Exception {
        PlantedConversation.Spec spec = new PlantedConversation.Spec(300, 30, 6000, 2, 3, 0.95, 11);
        Deliberation d = Deliberation.analyse(PlantedConversation.generate(spec), Deliberation.Options.DEFAULTS);
        Promotion.Mapper mapper = (s, suggested) -> new Promotion.Mapping(null, "should", "conduct.planted", List.of("GB"), null, null, List.of("fairness"));
        Map<String, Object> layer = Promotion.layer(d, Promotion.Thresholds.DEFAULTS, mapper, LocalDate.of(2026, 1, 15));
        Path file = dir.resolve("community.yaml");
        Files.writeString(file, new ObjectMapper(new YAMLFactory()).writeValueAsString(layer));
        Constitution c = ConstitutionLoader.load(file);
        assertEquals(List.of("deliberation.planted.s0", "deliberation.planted.s1", "deliberation.planted.s2"),
                c.norms().stream().map(Norm::id).sorted().toList());
        Lint.Report report = Lint.check(c, LocalDate.of(2026, 1, 15));
        assertFalse(report.hasErrors(), report.findings().toString());
        String yaml = Files.readString(file);
        for (String key : List.of("tier: \"community\"", "votes_by_group", "consensus", "bridging_intercept", "deliberation: \"planted\"",
                "date: \"2026-01-15\"")) {
            org.junit.jupiter.api.Assertions.assertTrue(yaml.contains(key), key + " in\n" + yaml);
        }
    }

    @Test
    void aStatementWithoutMappingIsTheUsersError() {
        PlantedConversation.Spec spec = new PlantedConversation.Spec(200, 20, 3000, 2, 2, 0.95, 3);
        Deliberation d = Deliberation.analyse(PlantedConversation.generate(spec), Deliberation.Options.DEFAULTS);
        assertThrows(InvalidInputException.class, () -> Promotion.layer(d, Promotion.Thresholds.DEFAULTS, (s, id) -> null, LocalDate.of(2026, 1, 1)));
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
