package dev.polity.judge.learn;

import dev.polity.input.AtomicFile;
import dev.polity.judge.embed.Embedding;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.polity.input.Diagnostic;
import dev.polity.input.InvalidInputException;
import dev.polity.input.JsonText;
import dev.polity.input.Location;
import dev.polity.input.TextFile;
import dev.polity.input.YamlDocument;
import dev.polity.input.YamlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained linear detector, as stored in a versioned JSON file: standardisation, weights and its
 * provenance. {@code kind} is {@code softmax} (one row of weights per output class) or {@code ridge}
 * (one row per output, each clipped to [0, 1]: the score, then for a group-aware model one per group head,
 * described in {@code groups}; null for a model without groups). The norm judge's model carries its
 * {@link Calibration} (Platt scaling, abstention threshold, relevance floor; null for the others).
 */
public record JudgeModel(String format, int version, String detector, String kind, String embedder, String features,
                         List<String> outputs, double[] mean, double[] scale, double[][] weights, double[] bias,
                         Provenance provenance, @JsonInclude(JsonInclude.Include.NON_NULL) List<GroupHead> groups,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Calibration calibration) {
    public static final String FORMAT = "polity-judge-model";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final YamlSchema SCHEMA = YamlSchema.resource("/dev/polity/schemas/judge-model.schema.json");

    public JudgeModel {
        outputs = List.copyOf(outputs);
        groups = groups == null ? null : List.copyOf(groups);
    }

    /** A model without group heads or calibration: its output is used as it is. */
    public JudgeModel(String format, int version, String detector, String kind, String embedder, String features, List<String> outputs,
                      double[] mean, double[] scale, double[][] weights, double[] bias, Provenance provenance) {
        this(format, version, detector, kind, embedder, features, outputs, mean, scale, weights, bias, provenance, null, null);
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
            AtomicFile.folder(parent);
        }
        AtomicFile.write(file, out -> JSON.writeValue(out, this));
    }

    /**
     * Reads a model file: JSON, checked against schemas/judge-model.schema.json and for matching sizes.
     *
     * @throws InvalidInputException naming the file, the line (or field) and what was expected
     */
    public static JudgeModel read(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(name, 0, "no such model file");
        }
        String text = TextFile.read(file, name);
        try {
            if (JSON.readTree(text).isMissingNode()) {
                throw new InvalidInputException(name, 0, "the file is empty; expected a judge model (JSON, as polity judge train writes it)");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw JsonText.error(name, 0, e, "a judge model as polity judge train writes it");
        }
        YamlDocument doc = YamlDocument.parse(name, text); // JSON is YAML: every value keeps its line
        if (!doc.root().isObject()) {
            throw new InvalidInputException(doc.at(""), "expected a judge model (a JSON object with format: " + FORMAT + "), found "
                    + YamlSchema.describeValue(doc.root()));
        }
        JsonNode format = doc.root().path("format");
        JsonNode version = doc.root().path("version");
        if (!FORMAT.equals(format.asText(null)) || !version.isIntegralNumber() || version.asInt() != VERSION) {
            // another JSON file, or a model of another version: one line, not a list of every field it lacks
            throw new InvalidInputException(doc.at(format.isMissingNode() ? "" : "/format"), "expected a judge model (format: " + FORMAT
                    + ", version: " + VERSION + "); here the format is " + (format.isMissingNode() ? "missing" : YamlSchema.describeValue(format))
                    + " and the version " + (version.isMissingNode() ? "missing" : YamlSchema.describeValue(version)));
        }
        List<Diagnostic> errors = new ArrayList<>(SCHEMA.validate(doc));
        if (errors.isEmpty()) {
            errors.addAll(sizes(doc));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.stream().sorted(Diagnostic.BY_PLACE).toList());
        }
        try {
            return JSON.treeToValue(doc.root(), JudgeModel.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalStateException(name + ": a model the schema accepts could not be read", e);
        }
    }

    /** What the schema cannot say: the rows and columns of the numbers agree, and the feature space is known. */
    private static List<Diagnostic> sizes(YamlDocument doc) {
        JsonNode m = doc.root();
        List<Diagnostic> out = new ArrayList<>();
        String features = m.get("features").asText();
        List<String> spaces = new ArrayList<>(java.util.Arrays.stream(FeatureSpace.values()).map(FeatureSpace::wireName).toList());
        spaces.add(NormFeatures.SPACE);
        if (!spaces.contains(features)) {
            out.add(Diagnostic.error(doc.at("/features"), "features: unknown feature space '" + features + "'; expected one of "
                    + String.join(", ", spaces)));
        }
        int columns = m.get("mean").size();
        int rows = m.get("outputs").size();
        sameSize(doc, "/scale", columns, "mean", out);
        sameSize(doc, "/weights", rows, "outputs", out);
        sameSize(doc, "/bias", rows, "outputs", out);
        for (int k = 0; k < m.get("weights").size(); k++) {
            sameSize(doc, "/weights/" + k, columns, "mean", out);
        }
        return out;
    }

    private static void sameSize(YamlDocument doc, String pointer, int expected, String like, List<Diagnostic> out) {
        int found = doc.root().at(pointer).size();
        if (found != expected) {
            out.add(Diagnostic.error(doc.at(pointer), pointer.substring(1).replace('/', '.') + ": expected " + expected + " values, as many as "
                    + like + " has, found " + found));
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
