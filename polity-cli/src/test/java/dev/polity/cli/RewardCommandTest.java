package dev.polity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.guard.GuardFixtures;
import dev.polity.reward.RewardModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** polity reward train, eval and score on a small generated set where raters prefer the answer that declines a harmful request. */
class RewardCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> REQUESTS = List.of("how do I pick my neighbour's lock", "write an insult for my coworker", "how can I cheat on my taxes",
            "where can I buy a stolen phone", "how do I make my sister cry", "tell me how to shoplift", "how do I hack an email account",
            "help me lie to my boss", "what's the best way to bully someone", "how do I sneak alcohol into school");
    static final List<String> DECLINES = List.of("I'm sorry, I can't help with that. Is something going on I could help with instead?",
            "I won't help with this, it could hurt someone.", "I'd rather not. Can you tell me more about why you want to?");
    static final List<String> COMPLIES = List.of("Sure, here is how: first you wait until nobody is around, then you do it quickly.",
            "Easy. Just do it when they are not looking and nobody will ever know.", "Of course! Step 1: get the tools. Step 2: go at night.");

    @TempDir
    static Path dir;
    static Path pairs;
    static Path model;
    static Path constitution;
    static Path config;

    @BeforeAll
    static void train() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String prompt = "\n\nHuman: " + REQUESTS.get(i % REQUESTS.size()) + " (" + i + ")\n\nAssistant:";
            lines.add(JSON.writeValueAsString(Map.of("chosen", prompt + " " + DECLINES.get(i % 3), "rejected", prompt + " " + COMPLIES.get(i % 3),
                    "region", i % 2 == 0 ? "north" : "south")));
        }
        pairs = Files.write(dir.resolve("pairs.jsonl"), lines);
        model = dir.resolve("model.json");
        constitution = Files.writeString(dir.resolve("constitution.yaml"), GuardFixtures.YAML);
        config = Files.writeString(dir.resolve("gateway.yaml"), "judge: {detectors: [rules]}\n");
        CliRun t = CliRun.of("--quiet", "reward", "train", "--pairs", pairs.toString(), "--out", model.toString(), "--holdout", "0.25", "--seed", "1");
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(t.out()).contains("Trained a reward model on 30 pairs of pairs.jsonl").contains("10 held out (seed 1)").contains("Wrote ");
    }

    @Test
    void theModelFileCarriesItsProvenanceAndHoldout() {
        RewardModel m = RewardModel.read(model);
        assertThat(m.format()).isEqualTo("polity-reward-model");
        assertThat(m.provenance().rows()).isEqualTo(30);
        assertThat(m.provenance().dataSha256()).hasSize(64);
        assertThat(m.holdout().pairs()).isEqualTo(10);
        assertThat(m.provenance().crossValidated()).containsKeys("accuracy", "holdout_accuracy");
    }

    @Test
    void evalOnTheTrainingFileCountsTheHeldOutPairsOnly() throws Exception {
        CliRun e = CliRun.of("--quiet", "reward", "eval", "--model", model.toString(), "--pairs", pairs.toString(), "--json");
        assertThat(e.exit()).as(e.err()).isZero();
        JsonNode n = JSON.readTree(e.out());
        assertThat(n.get("n").asInt()).isEqualTo(10);
        assertThat(n.get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(n.get("ci95")).hasSize(2);
        assertThat(n.at("/baselines/chance").asDouble()).isEqualTo(0.5);
        assertThat(n.get("norm_penalties").isNull()).isTrue();
        CliRun text = CliRun.of("--quiet", "reward", "eval", "--model", model.toString(), "--pairs", pairs.toString(), "--jurisdiction", "DE",
                "--domain", "general", "--constitution", constitution.toString(), "--config", config.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("On the 10 pairs held out of training (25%, seed 1) of pairs.jsonl, with the norm penalties of DE/general/*:");
    }

    @Test
    void scorePrintsOneDecompositionPerLine() throws Exception {
        Path in = Files.write(dir.resolve("answers.jsonl"), List.of(
                "{\"prompt\": \"my head hurts\", \"answer\": \"I am an AI. Please see a doctor.\"}",
                "{\"prompt\": \"my head hurts\", \"answer\": \"I am an AI. Take 500 mg every hour.\"}"));
        CliRun s = CliRun.of("--quiet", "reward", "score", "--model", model.toString(), "--input", in.toString(), "--jurisdiction", "DE",
                "--domain", "healthcare", "--constitution", constitution.toString(), "--config", config.toString());
        assertThat(s.exit()).as(s.err()).isZero();
        String[] lines = s.out().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode dose = JSON.readTree(lines[1]);
        assertThat(dose.get("lexicographic_violations").asInt()).isEqualTo(1);
        assertThat(dose.get("context").asText()).isEqualTo("DE/healthcare/*");
        assertThat(dose.get("reward").asDouble()).isLessThan(JSON.readTree(lines[0]).get("reward").asDouble() - 1);
        assertThat(dose.get("uncertain")).isNotNull();
    }

    @Test
    void badInputIsOneLineWithExitOne() throws IOException {
        Path wrong = Files.writeString(dir.resolve("wrong.jsonl"), "{\"question\": \"q\", \"answer\": \"a\"}\n");
        assertOneLine(CliRun.of("reward", "train", "--pairs", wrong.toString(), "--out", dir.resolve("x.json").toString()),
                "wrong.jsonl:1: expected 'chosen' and 'rejected'");
        assertOneLine(CliRun.of("reward", "train", "--pairs", pairs.toString(), "--out", dir.resolve("x.json").toString(), "--groups", "age"),
                "pairs.jsonl:1: --groups: this pair has no 'age'; rater attributes: region");
        assertOneLine(CliRun.of("reward", "train", "--pairs", pairs.toString(), "--out", dir.resolve("x.json").toString(), "--holdout", "1.5"),
                "--holdout: expected a fraction in [0, 1), got 1.5");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "{\"prompt\": \"p\", \"answer\": \"\"}\n");
        assertOneLine(CliRun.of("reward", "score", "--model", model.toString(), "--input", empty.toString()), "empty.jsonl:1: empty 'answer'");
        Path nan = Files.writeString(dir.resolve("nan.jsonl"), "{\"prompt\": \"p\", \"answer\": NaN}\n");
        assertOneLine(CliRun.of("reward", "score", "--model", model.toString(), "--input", nan.toString()), "nan.jsonl:1: not JSON");
        assertOneLine(CliRun.of("reward", "eval", "--model", model.toString(), "--pairs", pairs.toString(), "--welfare", "leximin"),
                "--welfare: leximin orders answers");
        assertOneLine(CliRun.of("reward", "score", "--model", model.toString(), "--input", empty.toString(), "--jurisdiction", "XX",
                "--constitution", constitution.toString()), "empty.jsonl:1: empty 'answer'");
        Path ok = Files.writeString(dir.resolve("ok.jsonl"), "{\"prompt\": \"p\", \"answer\": \"a\"}\n");
        assertOneLine(CliRun.of("reward", "score", "--model", model.toString(), "--input", ok.toString(), "--jurisdiction", "XX",
                "--constitution", constitution.toString(), "--config", config.toString()), "--jurisdiction: ");
        assertOneLine(CliRun.of("reward", "eval", "--model", pairs.toString(), "--pairs", pairs.toString()), "pairs.jsonl:1: not a Polity reward model");
    }

    @Test
    void groupsGetHeadsShrunkTowardsTheSharedOne() throws Exception {
        Path grouped = dir.resolve("grouped.json");
        CliRun t = CliRun.of("--quiet", "reward", "train", "--pairs", pairs.toString(), "--out", grouped.toString(), "--groups", "region");
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(t.out()).contains("region=north: 20 pairs, weight 0.500").contains("region=south: 20 pairs");
        RewardModel m = RewardModel.read(grouped);
        assertThat(m.heads()).extracting(RewardModel.Head::name).containsExactly("region=north", "region=south");
        Path in = Files.write(dir.resolve("one.jsonl"), List.of("{\"prompt\": \"help me lie to my boss\", \"answer\": \"I won't help with this.\"}"));
        CliRun s = CliRun.of("--quiet", "reward", "score", "--model", grouped.toString(), "--input", in.toString(), "--welfare", "egalitarian");
        assertThat(s.exit()).as(s.err()).isZero();
        JsonNode n = JSON.readTree(s.out());
        assertThat(n.get("combination").asText()).isEqualTo("egalitarian");
        double north = n.at("/groups/region=north").asDouble();
        double south = n.at("/groups/region=south").asDouble();
        assertThat(n.get("preference").asDouble()).isEqualTo(Math.min(north, south));
    }

    @Test
    void exportPreferencesWritesTrlLinesAndADataCard() throws Exception {
        Path out = dir.resolve("prefs.jsonl");
        CliRun e = CliRun.of("--quiet", "reward", "--help");
        assertThat(e.exit()).isZero();
        CliRun x = CliRun.of("--quiet", "export", "preferences", "--pairs", pairs.toString(), "--model", model.toString(), "--out", out.toString(),
                "--format", "conversational", "--min-margin", "0.01");
        assertThat(x.exit()).as(x.err()).isZero();
        assertThat(x.out()).startsWith("Exported ");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.fieldNames()).toIterable().containsExactly("prompt", "chosen", "rejected");
            assertThat(n.at("/chosen/0/role").asText()).isEqualTo("assistant");
            assertThat(n.at("/prompt/0/role").asText()).isEqualTo("user");
        }
        JsonNode card = JSON.readTree(dir.resolve("prefs.card.json").toFile());
        assertThat(card.at("/counts/candidates").asInt()).isEqualTo(40);
        assertThat(card.at("/groups/region/north/pairs").asInt()).isEqualTo(20);
        assertThat(Files.readString(dir.resolve("prefs.card.md"))).contains("| region | north | 20 |");
        assertOneLine(CliRun.of("export", "preferences", "--pairs", pairs.toString(), "--out", out.toString()), "--model: needed with --pairs");
        assertOneLine(CliRun.of("export", "preferences", "--pairs", pairs.toString(), "--model", model.toString(), "--out", out.toString(),
                "--format", "chat"), "--format: expected plain or conversational, got 'chat'");
    }

    static void assertOneLine(CliRun r, String expected) {
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.INPUT.code);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception").contains(expected);
    }
}
