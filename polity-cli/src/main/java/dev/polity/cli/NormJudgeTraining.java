package dev.polity.cli;

import dev.polity.judge.FactReader;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.train.NormItem;
import dev.polity.judge.train.NormItems;
import dev.polity.judge.train.NormJudgeTrainer;
import dev.polity.judge.train.TrainingData;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code polity judge train --detector norm}: the norm judge trained on JSON Lines items, with its held-out figures. */
final class NormJudgeTraining {
    private NormJudgeTraining() {
    }

    static JudgeModel train(List<Path> inputs, Path constitutionFile, Path out, PrintWriter o, ProgressMode mode) throws IOException {
        Constitution c = ConstitutionLoader.load(constitutionFile);
        List<NormItem> items = new ArrayList<>();
        for (Path p : inputs) {
            items.addAll(NormItems.read(p, c));
        }
        JudgeModel model;
        try (EmbeddingProgress progress = new EmbeddingProgress(mode, "reading items", items.size())) {
            model = NormJudgeTrainer.train(items, c, new FactReader(CachedEmbedder.miniLm()), NormJudgeTrainer.Settings.DEFAULT,
                    inputs.stream().map(p -> p.getFileName().toString()).toList(), TrainingData.sha256(inputs), progress.step());
        }
        model.write(out);
        o.println("Trained the norm judge on " + items.size() + " items from " + String.join(", ", model.provenance().inputs())
                + " against " + c.name() + " " + c.version() + " (sha256 " + model.provenance().dataSha256().substring(0, 12) + "…)");
        for (Map.Entry<String, Double> m : model.provenance().crossValidated().entrySet()) {
            o.printf(java.util.Locale.ROOT, "  held-out norms (grouped %d-fold) %s: %.3f%n", NormJudgeTrainer.Settings.DEFAULT.folds(), m.getKey(), m.getValue());
        }
        o.println("Wrote " + out);
        return model;
    }
}
