package dev.polity.reward;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.polity.input.AtomicFile;
import dev.polity.input.InvalidInputException;
import dev.polity.judge.learn.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained reward model as stored in a versioned JSON file: the feature space and embedder it was trained on, the
 * standardisation, the shared Bradley-Terry head and one head per group of raters (none for a model of everyone),
 * the split it held out and its provenance (the data's SHA-256, the settings, the metrics), like the judge's
 * models ({@link dev.polity.judge.learn.JudgeModel}).
 *
 * <p>A head scores an answer {@code s(x) = w·z(x)}, linear in the standardised features; the probability that
 * answer a is preferred to b is {@code σ(s(a) − s(b))} (Bradley and Terry, 1952; as a reward model: Christiano et
 * al., 2017; Ouyang et al., 2022, eq. 1). Features are centred on the training answers and heads have no bias, so
 * {@code σ(s(x))} is the chance that x beats an answer with the training answers' mean features: a utility in
 * (0, 1) that welfare functions can compare across groups ({@link SocietalReward}).
 *
 * @param embeddingWeight how much the embedding's coordinates count in the standardised space (named features: 1)
 * @param named           how many features come before the embedding's coordinates
 * @param holdout         the share of pairs held out of training, and the seed of the split (0 and 0: none)
 */
public record RewardModel(String format, int version, String embedder, String features, List<String> featureNames, int named,
                          double embeddingWeight, double[] mean, double[] scale, double[] shared, List<Head> heads,
                          Holdout holdout, Provenance provenance) {
    public static final String FORMAT = "polity-reward-model";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * One group's head: the rater attribute and its value, how many training pairs it had, its weight among the
     * column's groups (its share of the pairs), the penalty that shrank it towards the shared head (chosen by
     * cross-validation, as a multiple of the shared penalty), its weights, and its cross-validated metrics.
     */
    public record Head(String column, String group, int pairs, double weight, double penalty, double[] weights,
                       Map<String, Double> crossValidated) {
        public Head {
            crossValidated = crossValidated == null ? Map.of() : new TreeMap<>(crossValidated);
        }

        /** {@code column=group}, how the decomposition names it. */
        public String name() {
            return column + "=" + group;
        }
    }

    /** Which pairs of the training file were held out: a seeded shuffle, the last {@code fraction} of it. */
    public record Holdout(double fraction, long seed, String dataSha256, int pairs) {
    }

    public RewardModel {
        featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
        heads = heads == null ? List.of() : List.copyOf(heads);
    }

    /** Whether the model has group heads. */
    @JsonIgnore
    public boolean grouped() {
        return !heads.isEmpty();
    }

    /** The standardised features, the embedding's coordinates weighted. */
    public double[] standardise(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalStateException("model expects " + mean.length + " features, got " + x.length);
        }
        double[] z = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            z[j] = (x[j] - mean[j]) / scale[j] * (j < named ? 1 : embeddingWeight);
        }
        return z;
    }

    /** The shared head's score of standardised features. */
    public double sharedScore(double[] z) {
        return dot(shared, z);
    }

    /** Each group head's score, in head order. */
    public double[] headScores(double[] z) {
        double[] out = new double[heads.size()];
        for (int g = 0; g < out.length; g++) {
            out[g] = dot(heads.get(g).weights(), z);
        }
        return out;
    }

    static double dot(double[] w, double[] z) {
        double s = 0;
        for (int j = 0; j < w.length; j++) {
            s += w[j] * z[j];
        }
        return s;
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            AtomicFile.folder(parent);
        }
        AtomicFile.write(file, out -> JSON.writeValue(out, this));
    }

    /**
     * @throws InvalidInputException naming the file when it is missing, not a reward model, or of another version
     */
    public static RewardModel read(Path file) {
        RewardModel m;
        try (InputStream in = Files.newInputStream(file)) {
            m = JSON.readValue(in, RewardModel.class);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), 0, "no such model file");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidInputException(file.toString(), line, "not a Polity reward model (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!FORMAT.equals(m.format()) || m.version() != VERSION) {
            throw new InvalidInputException(file.toString(), 0, "expected a " + FORMAT + " version " + VERSION + " file (polity reward train), got "
                    + m.format() + " version " + m.version());
        }
        if (m.mean() == null || m.scale() == null || m.shared() == null || m.mean().length != m.shared().length || m.scale().length != m.shared().length) {
            throw new InvalidInputException(file.toString(), 0, "the model's mean, scale and shared weights must have one entry per feature");
        }
        return m;
    }
}
