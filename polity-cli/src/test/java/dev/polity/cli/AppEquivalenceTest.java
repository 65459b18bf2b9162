package dev.polity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.RealData;
import dev.polity.deliberation.Deliberation;
import dev.polity.server.app.Results;
import dev.polity.store.DeliberationStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Polis export imported into the web app ({@code polity deliberations import}) and analysed there ({@link Results},
 * what the organiser's page shows) has the same opinion groups and the same group-informed consensus as
 * {@code polity deliberate} on the same export: participant by participant, statement by statement.
 */
class AppEquivalenceTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"bg2050-volunteers", "brexit-consensus", "london.youth.policing"})
    void theAppShowsTheGroupsAndConsensusOfPolityDeliberate(String name) throws Exception {
        Path export = RealData.require("polis").resolve(name);
        CliRun cli = CliRun.of("--quiet", "deliberate", export.toString(), "--json");
        assertThat(cli.exit()).as(cli.err()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(cli.out());

        String store = tmp.resolve("app.db").toString();
        CliRun imported = CliRun.of("deliberations", "import", export.toString(), "--store", store);
        assertThat(imported.exit()).as(imported.err()).isEqualTo(0);
        String id = imported.out().lines().findFirst().orElseThrow();
        try (DeliberationStore s = DeliberationStore.open(store, Clock.systemUTC())) {
            Results.Analysis app = new Results(s, Deliberation.Options.DEFAULTS).of(id);
            Deliberation d = app.deliberation();
            assertThat(d.groups().k()).isEqualTo(json.get("groups").asInt()).isGreaterThanOrEqualTo(2);

            Map<String, Integer> cliGroups = new HashMap<>();
            for (JsonNode p : json.get("participants")) {
                cliGroups.put(p.get("id").asText(), p.get("group").isNull() ? null : p.get("group").asInt());
            }
            assertThat(cliGroups).hasSize(app.conversation().participants().size());
            int clustered = 0;
            for (int i = 0; i < app.conversation().participants().size(); i++) {
                int g = d.groups().group()[i];
                Integer expected = cliGroups.get(app.conversation().participants().get(i));
                assertThat(g < 0 ? null : g).as("participant %s", app.conversation().participants().get(i)).isEqualTo(expected);
                clustered += g >= 0 ? 1 : 0;
            }
            assertThat(clustered).isGreaterThan(20);

            int compared = 0;
            for (JsonNode st : json.get("statements")) {
                int j = app.conversation().statementIndex(st.get("id").asText());
                assertThat(j).as("statement %s", st.get("id").asText()).isGreaterThanOrEqualTo(0);
                if (st.get("consensus").isNull()) {
                    assertThat(Double.isNaN(d.consensus()[j])).isTrue();
                } else {
                    assertThat(d.consensus()[j]).as("consensus of statement %s", st.get("id").asText())
                            .isCloseTo(st.get("consensus").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
                    compared++;
                }
            }
            assertThat(compared).isGreaterThan(10);
        }
    }
}
