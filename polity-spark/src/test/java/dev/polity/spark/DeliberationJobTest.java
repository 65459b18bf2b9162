package dev.polity.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.RealData;
import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.DeliberationJson;
import dev.polity.deliberation.PlantedConversation;
import dev.polity.deliberation.PolisExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's opinion groups, repness and consensus against core's, on real Polis exports and a planted conversation. */
class DeliberationJobTest {
    @TempDir
    Path dir;

    private static final Deliberation.Options NO_BRIDGING = Deliberation.Options.DEFAULTS.withBridging(false);

    @Test
    void realPolisExportsGiveCoreGroupsRepnessAndConsensus() {
        Path polis = RealData.require("polis");
        for (String name : List.of("brexit-consensus", "london.youth.policing", "bg2050-volunteers")) {
            Path folder = polis.resolve(name);
            Deliberation core = Deliberation.analyse(PolisExport.read(folder, Set.of()), NO_BRIDGING);
            SparkConversation c = SparkConversation.read(SharedSpark.session(), folder.toString(), Set.of());
            DeliberationJob.Result spark = DeliberationJob.run(SharedSpark.session(), c, NO_BRIDGING, null, new Stages());
            assertSame(core, spark, name);
        }
    }

    @Test
    void plantedConversationGivesCoreResultAndGivenGroupsCoreRepness() throws IOException {
        PlantedConversation.Spec spec = new PlantedConversation.Spec(240, 24, 4_000, 3, 3, 0.8, 5);
        Conversation planted = PlantedConversation.generate(spec);
        Path file = Conversations.write(planted, dir.resolve("planted.csv"));
        Deliberation core = Deliberation.analyse(PolisExport.read(file, Set.of()), NO_BRIDGING);
        SparkConversation c = SparkConversation.read(SharedSpark.session(), file.toString(), Set.of());
        assertSame(core, DeliberationJob.run(SharedSpark.session(), c, NO_BRIDGING, null, new Stages()), "planted");
        // the groups core found, given: the same repness and consensus follow from them
        StringBuilder groups = new StringBuilder("participant,group\n");
        for (int i = 0; i < core.conversation().participants().size(); i++) {
            if (core.groups().group()[i] >= 0) {
                groups.append(core.conversation().participants().get(i)).append(',').append(core.groups().group()[i]).append('\n');
            }
        }
        Path given = Files.writeString(dir.resolve("groups.csv"), groups);
        DeliberationJob.Result spark = DeliberationJob.run(SharedSpark.session(), c, NO_BRIDGING, given.toString(), new Stages());
        assertArrayEquals(core.groups().group(), spark.groups().group());
        assertEquals(core.topRepness(5).toString(), Deliberation.topRepness(spark.repness(), spark.columns(), spark.k(), 5).toString());
        assertArrayEquals(core.consensus(), spark.consensus(), 1e-12);
    }

    /** Every number within 1e-6, the same groups and the same consensus ranking; the JSON sections agree. */
    static void assertSame(Deliberation core, DeliberationJob.Result spark, String name) {
        assertArrayEquals(core.groups().group(), spark.groups().group(), name + ": group of every participant");
        for (int i = 0; i < core.projection().length; i++) {
            assertArrayEquals(core.projection()[i], spark.xy()[i], 1e-6, name + ": place of participant " + i);
        }
        assertArrayEquals(core.consensus(), spark.consensus(), 1e-9, name + ": consensus");
        assertEquals(consensusRanking(core.consensus()), consensusRanking(spark.consensus()), name + ": consensus ranking");
        Map<String, Object> coreJson = DeliberationJson.of(core);
        Map<String, Object> sparkJson = spark.json();
        assertTrue(sparkJson.keySet().stream().allMatch(coreJson::containsKey), name + ": every section is one of core's");
        assertEquals(coreJson.get("representative"), sparkJson.get("representative"), name + ": representative statements");
        assertEquals(coreJson.get("groups"), sparkJson.get("groups"));
        Map<?, ?> silhouettes = (Map<?, ?>) coreJson.get("silhouette_by_k");
        assertEquals(silhouettes.keySet(), ((Map<?, ?>) sparkJson.get("silhouette_by_k")).keySet(), name + ": the k tried");
        silhouettes.forEach((k, v) -> assertEquals((Double) v, (Double) ((Map<?, ?>) sparkJson.get("silhouette_by_k")).get(k), 1e-6, name + ": silhouette"));
        assertEquals(JsonSections.withKeysOf(sparkJson.get("statements"), coreJson.get("statements")).toString(),
                sparkJson.get("statements").toString(), name + ": statements");
    }

    static List<Integer> consensusRanking(double[] consensus) {
        return IntStream.range(0, consensus.length).filter(j -> !Double.isNaN(consensus[j])).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -consensus[j]).thenComparing(j -> j)).toList();
    }
}
