package dev.polity.judge.learn;

import dev.polity.judge.embed.Embedding;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained linear detector, as stored in a versioned JSON file: standardisation, weights and its
 * provenance. {@code kind} is {@code softmax} (one row of weights per output class) or {@code ridge}
 * (one row per output, each clipped to [0, 1]: the score, then for a group-aware model one per group head,
 * described in {@code groups}; null for a model without groups).
 */
public record JudgeModel(String format, int version, String detector, String kind, String embedder, String features,
                         List<String> outputs, double[] mean, double[] scale, double[][] weights, double[] bias,
                         Provenance provenance, @JsonInclude(JsonInclude.Include.NON_NULL) List<GroupHead> groups) {
    public static final String FORMAT = "polity-judge-model";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public JudgeModel {
        outputs = List.copyOf(outputs);
        groups = groups == null ? null : List.copyOf(groups);
    }

    /** A model without group heads. */
    public JudgeModel(String format, int version, String detector, String kind, String embedder, String features, List<String> outputs,
                      double[] mean, double[] scale, double[][] weights, double[] bias, Provenance provenance) {
        this(format, version, detector, kind, embedder, features, outputs, mean, scale, weights, bias, provenance, null);
    }

    /** The group heads, in output order; empty for a model without them. */
    public List<GroupHead> groupHeads() {
        return groups == null ? List.of() : groups;
    }

    /** The model's outputs for one answer: class probabilities (softmax), or the score and then each group head's (ridge). */
    public double[] predict(Embedding e, String text) {
        double[] x = FeatureSpace.parse(features).vector(e, text);
        if (x.length != mean.length) {
            throw new IllegalStateException("model expects " + mean.length + " features, got " + x.length);
        }
        double[] z = new Standardizer(mean, scale).apply(x);
        if (kind.equals("softmax")) {
            return new SoftmaxRegression.Fit(weights, bias).probabilities(z);
        }
        double[] out = new double[weights.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.max(0, Math.min(1, new RidgeRegression.Fit(weights[k], bias[k]).predict(z)));
        }
        return out;
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), this);
    }

    public static JudgeModel read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return check(JSON.readValue(in, JudgeModel.class), file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), 0, "no such model file");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidInputException(file.toString(), line, "not a Polity judge model (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model shipped on the class path, e.g. {@code dev/polity/judge/refusal-model.json}. */
    public static JudgeModel resource(String name) {
        try (InputStream in = JudgeModel.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return check(JSON.readValue(in, JudgeModel.class), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JudgeModel check(JudgeModel m, String where) {
        if (!FORMAT.equals(m.format()) || m.version() != VERSION) {
            throw new InvalidInputException(where, 0, "expected a " + FORMAT + " version " + VERSION + " file, got "
                    + m.format() + " version " + m.version());
        }
        return m;
    }
}
