package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled examples (examples/README.md) say what they show; these tests keep them honest. */
class ExamplesTest {
    static final Path EXAMPLES = Path.of(System.getProperty("polity.repo", ".."), "examples");

    @ParameterizedTest(name = "{0} elects {1}")
    @CsvSource({"plurality,3", "irv,1", "borda,2", "copeland,2", "schulze,2", "ranked-pairs,2", "kemeny,2", "maximal-lotteries,2"})
    void centreSqueeze(String rule, int winner) throws Exception {
        CliRun r = CliRun.of("aggregate", EXAMPLES.resolve("choice/medical-questions.soc").toString(), "--rule", rule, "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.get("winners").size());
        assertEquals(winner, json.get("winners").get(0).asInt());
    }
}
