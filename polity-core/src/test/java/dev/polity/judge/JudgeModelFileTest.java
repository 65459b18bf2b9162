package dev.polity.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.input.InvalidInputException;
import dev.polity.judge.learn.JudgeModel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A judge model file is read strictly: a broken one is a located line in Polity's words, never Jackson's (issue 10, defect 11). */
class JudgeModelFileTest {
    @TempDir
    Path dir;

    private String shipped() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/dev/polity/judge/refusal-model.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private String error(String text) throws Exception {
        Path file = Files.writeString(dir.resolve("m.json"), text);
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, () -> JudgeModel.read(file));
        return e.oneLine().replace(file.toString(), "m.json").lines().findFirst().orElseThrow();
    }

    @Test
    void aWrittenModelReadsBack() throws Exception {
        JudgeModel shipped = JudgeModel.resource("dev/polity/judge/refusal-model.json");
        Path file = dir.resolve("copy.json");
        shipped.write(file);
        JudgeModel back = JudgeModel.read(file);
        assertThat(back.outputs()).isEqualTo(shipped.outputs());
        assertThat(back.weights()).isDeepEqualTo(shipped.weights());
        assertThat(back.mean()).containsExactly(shipped.mean());
    }

    @Test
    void brokenFilesAreOneLocatedLine() throws Exception {
        assertThat(error("{\"format\": \"polity-judge-model\", \"version\": 1, "))
                .isEqualTo("m.json:1:48: not JSON: Unexpected end-of-input within/between Object entries; expected a judge model as polity judge train writes it");
        assertThat(error("")).isEqualTo("m.json: the file is empty; expected a judge model (JSON, as polity judge train writes it)");
        assertThat(error("[1, 2]")).isEqualTo("m.json:1:1: expected a judge model (a JSON object with format: polity-judge-model), found a list");
        assertThat(error("{\"format\": \"polity-judge-model\", \"version\": \"one\"}")).isEqualTo("m.json:1:12: expected a judge model "
                + "(format: polity-judge-model, version: 1); here the format is the text 'polity-judge-model' and the version the text 'one'");
        assertThat(error("{\"name\": \"x\"}")).isEqualTo("m.json:1:1: expected a judge model (format: polity-judge-model, version: 1); "
                + "here the format is missing and the version missing");
        String text = shipped();
        assertThat(error(text.replaceFirst("\"bias\"", "\"colour\": 1, \"bias\""))).matches("m\\.json:\\d+:\\d+: unknown field 'colour'; .*");
        assertThat(error(text.replaceFirst("\"refusal-v1\"", "\"refusal-v9\"")))
                .matches("m\\.json:\\d+:\\d+: features: unknown feature space 'refusal-v9'; expected one of refusal-v1, derogation-v1, norm-v2");
        assertThat(error(text.replaceFirst("\"bias\" : \\[ [^,\\]]+,", "\"bias\" : [")))
                .matches("m\\.json:\\d+:\\d+: bias: expected 3 values, as many as outputs has, found 2");
    }
}
