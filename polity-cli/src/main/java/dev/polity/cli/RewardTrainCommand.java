package dev.polity.cli;

import dev.polity.input.AtomicFile;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.reward.Preferences;
import dev.polity.reward.RewardFeatures;
import dev.polity.reward.RewardModel;
import dev.polity.reward.RewardTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code polity reward train}: Bradley-Terry heads on pairwise preferences, written as a versioned model file with its provenance. */
@Command(name = "train", description = "Train a reward model on pairwise preferences (HH-RLHF or TRL JSON Lines, .jsonl or .jsonl.gz, or a CSV"
        + " prompt,chosen,rejected): one head for everyone, or with --groups a shared head plus a head per group of raters.")
public final class RewardTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "The comparisons: .jsonl, .jsonl.gz or .csv (docs/REWARD.md).")
    Path pairs;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "The model file to write (JSON).")
    Path out;

    @Option(names = "--groups", paramLabel = "COLUMN", description = "A rater attribute (field or column): a head per value, shrunk towards a shared head"
            + " by cross-validation.")
    String groups;

    @Option(names = "--holdout", defaultValue = "0", paramLabel = "FRACTION", description = "The share of pairs held out of training for reward eval"
            + " (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--seed", defaultValue = "0", description = "The seed of the holdout split and the cross-validation folds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Main.of(spec).doing("reading " + pairs);
        Preferences data = Preferences.read(pairs);
        RewardTrainer.Settings s = RewardTrainer.Settings.DEFAULT.with(groups, holdout, seed);
        RewardTrainer.check(data, s);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            AtomicFile.folder(parent); // before minutes of embedding
        }
        RewardFeatures features = new RewardFeatures(CachedEmbedder.miniLm());
        Main.of(spec).doing("embedding the answers of " + pairs);
        double[][][] x;
        try (EmbeddingProgress progress = new EmbeddingProgress(Main.of(spec).progress(), "embedding", RewardEvalCommand.texts(data.pairs()))) {
            x = RewardTrainer.features(data.pairs(), features, progress.step());
        }
        Main.of(spec).doing("fitting the heads");
        long t0 = System.nanoTime();
        RewardModel model = RewardTrainer.train(data, x, features, s);
        double seconds = (System.nanoTime() - t0) / 1e9;
        model.write(out);
        int trained = model.provenance().rows();
        if (Main.of(spec).progress() != ProgressMode.OFF) {
            spec.commandLine().getErr().printf(Locale.ROOT, "heads fitted in %.2f s after embedding (%.0f pairs/s, cross-validation included)%n",
                    seconds, trained / seconds);
        }
        o.printf(Locale.ROOT, "Trained a reward model on %d pairs of %s (sha256 %s…)%s%n", trained, pairs.getFileName(), data.sha256().substring(0, 12),
                model.holdout().pairs() == 0 ? "" : String.format(Locale.ROOT, "; %d held out (seed %d)", model.holdout().pairs(), seed));
        o.printf(Locale.ROOT, "  penalty %s, chosen by %d-fold cross-validation%n", model.provenance().settings().get("penalty"), s.folds());
        for (Map.Entry<String, Double> m : model.provenance().crossValidated().entrySet()) {
            o.printf(Locale.ROOT, "  %s %s: %.3f%n", m.getKey().startsWith("holdout") ? "held-out" : "cross-validated", m.getKey().replace("holdout_", ""),
                    m.getValue());
        }
        for (RewardModel.Head h : model.heads()) {
            o.printf(Locale.ROOT, "  %s: %d pairs, weight %.3f, penalty %s x shared, cross-validated accuracy %.3f%n", h.name(), h.pairs(), h.weight(),
                    h.penalty(), h.crossValidated().getOrDefault("accuracy", Double.NaN));
        }
        o.println("Wrote " + out);
        return ExitCode.DONE.code;
    }
}
