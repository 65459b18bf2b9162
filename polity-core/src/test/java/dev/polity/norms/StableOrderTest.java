package dev.polity.norms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lists that reach messages and JSON come in a fixed order, and dates from the caller, never from the hash seed or the clock. */
class StableOrderTest {
    /** Lint's example without its one dated norm, with domains and a grouping declared. */
    private static final String TWO_PLACES = """
            domains: [public-administration, healthcare, education]
            groupings:
              NORDIC:
                members: [SE, FI, DK]
            """ + LintAndDiffTest.BASE.substring(0, LintAndDiffTest.BASE.indexOf("  - id: old.rule"));

    @Test
    void unknownPlacesListTheGroupingsInOrder() {
        assertThat(Jurisdictions.standard().explainUnknown("Atlantis")).endsWith("or a grouping (EU, EEA)");
        Constitution c = ConstitutionLoader.fromString("c.yaml", TWO_PLACES);
        assertThat(c.jurisdictions().explainUnknown("Atlantis")).endsWith("or a grouping (EU, EEA, NORDIC)");
    }

    @Test
    void declaredDomainsComeSorted() {
        Constitution c = ConstitutionLoader.fromString("c.yaml", TWO_PLACES);
        assertThat(c.domains()).containsExactly("education", "healthcare", "public-administration");
    }

    @Test
    void withoutEffectiveDatesTheGridAndTheDiffTakeTheGivenDay() {
        LocalDate day = LocalDate.of(2031, 5, 5);
        Constitution before = ConstitutionLoader.fromString("v1.yaml", TWO_PLACES);
        Constitution after = ConstitutionLoader.fromString("v2.yaml", TWO_PLACES.replace("[EU]", "[EU, US-CA]"));
        assertThat(ContextGrid.of(before, day)).isNotEmpty().extracting(Context::date).containsOnly(day);
        Map<String, Object> json = ConstitutionDiff.between(before, after, day).asMap();
        assertThat(json.keySet()).containsExactly("added", "removed", "changed", "contexts");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> contexts = (List<Map<String, Object>>) json.get("contexts");
        assertThat(contexts.get(0)).containsExactly(entry("context", "US-CA/*/*@2031-05-05"),
                entry("entering", List.of("eu.disclose")), entry("leaving", List.of("op.persona")));
    }
}
