package dev.polity.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polity.RealData;
import dev.polity.deliberation.Bridging;
import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.PlantedConversation;
import dev.polity.deliberation.PolisExport;
import dev.polity.input.CsvTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's bridging factorisation against core's, on real Polis exports, POPQUORN ratings and a planted conversation. */
class BridgingJobTest {
    @TempDir
    Path dir;

    @Test
    void realPolisExportsGiveCoreIntercepts() {
        Path polis = RealData.require("polis");
        for (String name : List.of("brexit-consensus", "london.youth.policing", "bg2050-volunteers")) {
            assertSame(polis.resolve(name), name);
        }
    }

    /**
     * POPQUORN's offensiveness ratings as votes: a rater "agrees" that a text is offensive when they rate it 3
     * or more, and disagrees at 1 or 2; the bridged support is then offensiveness that holds across the divide.
     */
    @Test
    void popquornRatingsGiveCoreIntercepts() throws IOException {
        CsvTable t = CsvTable.read(RealData.require("popquorn").resolve("offensiveness.csv"));
        int user = t.column("user_id", "POPQUORN");
        int item = t.column("instance_id", "POPQUORN");
        int rating = t.column("offensiveness", "POPQUORN");
        StringBuilder sb = new StringBuilder("participant,statement,vote\n");
        for (CsvTable.Row r : t.rows()) {
            sb.append(r.text(user).strip()).append(',').append(r.text(item).strip()).append(',').append(r.number(rating) >= 3 ? 1 : -1).append('\n');
        }
        assertSame(Files.writeString(dir.resolve("popquorn-votes.csv"), sb), "POPQUORN");
    }

    @Test
    void plantedConversationGivesCoreIntercepts() throws IOException {
        Conversation planted = PlantedConversation.generate(new PlantedConversation.Spec(800, 30, 15_000, 2, 3, 0.85, 11));
        assertSame(Conversations.write(planted, dir.resolve("planted.csv")), "planted");
    }

    private static void assertSame(Path input, String name) {
        Conversation c = PolisExport.read(input, Set.of());
        boolean[] in = new boolean[c.statements().size()];
        for (int j : Deliberation.analysedColumns(c.statements())) {
            in[j] = true;
        }
        Bridging core = Bridging.fit(c.votes(), in, 1, Deliberation.BRIDGING_TOLERANCE, Deliberation.BRIDGING_MAX_SWEEPS);
        BridgingJob.Result spark = BridgingJob.run(SharedSpark.session(), SparkConversation.read(SharedSpark.session(), input.toString(), Set.of()), 1, new Stages());
        Bridging b = spark.bridging();
        assertEquals(c.participants(), spark.conversation().participants(), name + ": participants");
        for (int j = 0; j < in.length; j++) {
            assertEquals(core.statementIntercept()[j], b.statementIntercept()[j], 1e-3, name + ": intercept of statement " + c.statements().get(j).id());
            assertEquals(core.statementFactor()[j], b.statementFactor()[j], 1e-3, name + ": factor of statement " + c.statements().get(j).id());
            assertEquals(in[j] && core.isBridging(j), in[j] && b.isBridging(j), name + ": whether statement " + j + " is bridging");
        }
        assertEquals(core.mu(), b.mu(), 1e-3, name + ": mu");
    }
}
