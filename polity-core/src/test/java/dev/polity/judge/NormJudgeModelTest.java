package dev.polity.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.train.NormItem;
import dev.polity.judge.train.NormItems;
import dev.polity.judge.train.NormJudgeTrainer;
import dev.polity.judge.train.TrainingData;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped norm-judge model is what {@code polity judge train --detector norm} makes from the shipped
 * development set and starter constitution: retraining reproduces its weights and its held-out figures
 * exactly (training is deterministic), and those figures meet the bars.
 */
class NormJudgeModelTest {

    @Test
    void retrainingReproducesTheShippedModel() throws Exception {
        Path repo = Path.of(System.getProperty("polity.repo"));
        Constitution starter = ConstitutionLoader.load(repo.resolve("constitutions/starter.yaml"));
        JudgeModel shipped = JudgeModel.resource(NormJudge.DEFAULT_MODEL);
        Path items = Path.of(getClass().getClassLoader().getResource(NormItems.DEV_SET).toURI());
        assertEquals(TrainingData.sha256(List.of(items)), shipped.provenance().dataSha256(),
                "norm-model.json is stale: retrain it from the development set (docs/JUDGING.md)");
        assertEquals(starter.digest(), shipped.provenance().settings().get("constitution_sha256"),
                "norm-model.json was trained against another starter constitution: retrain it (docs/JUDGING.md)");
        List<NormItem> dev = NormItems.read(items, starter);
        JudgeModel again = NormJudgeTrainer.train(dev, starter, new FactReader(CachedEmbedder.miniLm()), NormJudgeTrainer.Settings.DEFAULT,
                List.of("items.jsonl"), TrainingData.sha256(List.of(items)), n -> { });
        assertEquals(shipped.provenance().crossValidated(), again.provenance().crossValidated());
        assertArrayEquals(shipped.weights()[1], again.weights()[1], 1e-12);
        assertEquals(shipped.calibration().threshold(), again.calibration().threshold(), 1e-12);
        double accuracy = shipped.provenance().crossValidated().get("accuracy_decided");
        double coverage = shipped.provenance().crossValidated().get("coverage");
        assertTrue(accuracy >= 0.85 && coverage >= 0.75, "held-out accuracy " + accuracy + " at coverage " + coverage);
    }
}
