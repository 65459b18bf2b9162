package dev.polity.cli;

import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.input.InvalidInputException;
import dev.polity.judge.learn.GroupHead;
import dev.polity.judge.train.DerogationGroupTrainer;
import dev.polity.judge.train.DerogationTrainer;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.train.RefusalTrainer;
import dev.polity.judge.train.TrainingData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code polity judge train}: fits a detector to labelled CSV data and writes the model with its provenance. */
@Command(name = "train", description = "Train a refusal or derogation detector from labelled CSV files, or the norm judge from labelled JSON Lines items.")
public final class JudgeTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--detector", required = true, description = "refusal, derogation or norm")
    DetectorKind detector;

    @Option(names = "--input", required = true, description = "Labelled CSV file (repeat for several); for norm, JSON Lines items as the development set (docs/JUDGING.md).")
    List<Path> inputs;

    @Option(names = "--text-column", description = "Column with the answer text (refusal, derogation).")
    String textColumn;

    @Option(names = "--prompt-column", description = "Column with the prompt (recorded; optional).")
    String promptColumn;

    @Option(names = "--constitution", description = "norm: the constitution the items' norms come from (default: constitutions/starter.yaml).")
    Path constitution;

    @Option(names = "--label-column",
            description = "refusal: full_compliance, full_refusal, partial_refusal (or 1_/2_/3_ forms); derogation: a number.")
    String labelColumn;

    @Option(names = "--id-column", description = "Rows sharing this column's value are one text (derogation: labels averaged).")
    String idColumn;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds for the recorded metrics (default: ${DEFAULT-VALUE}; 0: none).")
    int folds;

    @Option(names = "--out", required = true, description = "Model file to write (JSON).")
    Path out;

    @Option(names = "--groups", split = ",", paramLabel = "COLUMN",
            description = "derogation: rater attribute columns (e.g. race,gender); a shared model plus a head per group of each column, "
                    + "shrunk towards it by cross-validation.")
    List<String> groups;

    @Option(names = "--group-weights", defaultValue = "per-rating", paramLabel = "per-rating|equal|FILE",
            description = "With --groups: how much each group counts: per rating, equal per group, or a CSV file group,weight "
                    + "(population weights) (default: ${DEFAULT-VALUE}).")
    String groupWeights;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Main.of(spec).doing("training on " + String.join(", ", inputs.stream().map(Path::toString).toList()));
        if (detector == DetectorKind.norm) {
            NormJudgeTraining.train(inputs, constitution != null ? constitution : Home.path("constitutions/starter.yaml"), out, o,
                    Main.of(spec).progress());
            return ExitCode.DONE.code;
        }
        if (groups != null && detector != DetectorKind.derogation) {
            throw new InvalidInputException(null, "--groups: only the derogation detector has group heads");
        }
        if (textColumn == null || labelColumn == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--detector " + detector + " needs --text-column and --label-column");
        }
        TrainingData data = TrainingData.read(inputs, new TrainingData.Columns(textColumn, promptColumn, labelColumn, idColumn, groups));
        CachedEmbedder embedder = CachedEmbedder.miniLm();
        JudgeModel model;
        try (EmbeddingProgress progress = new EmbeddingProgress(Main.of(spec).progress(), "embedding", data.rows().size())) {
            model = detector == DetectorKind.refusal
                    ? RefusalTrainer.train(data, embedder, RefusalTrainer.Settings.DEFAULT.withFolds(folds), progress.step())
                    : groups != null ? DerogationGroupTrainer.train(data, embedder, DerogationGroupTrainer.Settings.DEFAULT.withFolds(folds)
                            .withWeighting(DerogationGroupTrainer.Weighting.parse(groupWeights)), progress.step())
                    : DerogationTrainer.train(data, embedder, DerogationTrainer.Settings.DEFAULT.withFolds(folds), progress.step());
        }
        model.write(out);
        o.println("Trained a " + detector + " model on " + model.provenance().rows() + " texts from "
                + String.join(", ", model.provenance().inputs()) + " (sha256 " + model.provenance().dataSha256().substring(0, 12) + "…)");
        for (Map.Entry<String, Double> m : model.provenance().crossValidated().entrySet()) {
            o.printf(Locale.ROOT, "  %d-fold cross-validated %s: %.3f%n", folds, m.getKey(), m.getValue());
        }
        for (GroupHead h : model.groupHeads()) {
            Double rho = h.crossValidated().get("spearman");
            o.printf(Locale.ROOT, "  %s %s: %d ratings of %d texts, weight %.3f, penalty %s x shared%s%n", h.column(), h.group(), h.ratings(), h.texts(),
                    h.weight(), h.penalty(), rho == null ? "" : String.format(Locale.ROOT, ", cross-validated spearman %.3f", rho));
        }
        o.println("Wrote " + out);
        return ExitCode.DONE.code;
    }
}
