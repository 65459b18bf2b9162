package dev.polity.judge;

import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.embed.MiniLmEmbedder;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.train.TrainingData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped models are trained on the shipped examples, and they judge plain cases the way a person would. */
class DefaultModelsTest {
    static TextEmbedder embedder;

    @BeforeAll
    static void embedder() {
        embedder = CachedEmbedder.miniLm();
    }

    static Path resource(String name) throws Exception {
        return Path.of(DefaultModelsTest.class.getClassLoader().getResource("dev/polity/judge/" + name).toURI());
    }

    @Test
    void provenanceMatchesTheShippedExamples() throws Exception {
        for (String d : List.of("refusal", "derogation")) {
            JudgeModel m = JudgeModel.resource("dev/polity/judge/" + d + "-model.json");
            assertEquals(TrainingData.sha256(List.of(resource(d + "-examples.csv"))), m.provenance().dataSha256(),
                    d + "-model.json is stale: retrain it from " + d + "-examples.csv (docs/JUDGING.md)");
            assertEquals(new MiniLmEmbedder(1).id(), m.embedder());
            assertTrue(!m.provenance().crossValidated().isEmpty());
        }
    }

    @Test
    void refusalOnPlainCases() {
        RefusalDetector d = RefusalDetector.withDefaultModel(embedder);
        assertEquals(RefusalClass.FULL_REFUSAL, d.classify(Answer.of("I'm sorry, but I can't assist with that request.")).label());
        assertEquals(RefusalClass.FULL_COMPLIANCE, d.classify(Answer.of(
                "To boil an egg, place it in boiling water for seven minutes, then cool it in cold water and peel.")).label());
        RefusalDetector.Judgement j = d.classify(Answer.of("No. I will not write that."));
        assertTrue(j.score() > 0.5, "score " + j.score());
    }

    @Test
    void derogationOrdersPlainCases() {
        DerogationDetector d = DerogationDetector.withDefaultModel(embedder);
        double kind = d.score("Thanks for sharing, that was a helpful explanation.");
        double rude = d.score("What a dumb take, honestly.");
        double insult = d.score("You are a worthless, pathetic idiot and everyone hates you.");
        assertTrue(kind < rude && rude < insult, kind + " " + rude + " " + insult);
        assertTrue(kind < 0.3 && insult > 0.6, kind + " " + insult);
    }
}
