package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** polity judge train --detector norm reads the development set's format; its mistakes are one line and the usual exit codes. */
class NormJudgeCommandTest {
    static final Path STARTER = Path.of(System.getProperty("polity.repo", ".."), "constitutions", "starter.yaml");

    @TempDir
    Path dir;

    @Test
    void aBadItemIsOneLineNamingFileAndLine() throws Exception {
        Path items = dir.resolve("items.jsonl");
        Files.writeString(items, "{\"norm\": \"user.style.concise\", \"answer\": \"Hi.\", \"verdict\": \"complies\"}\n"
                + "{\"norm\": \"user.style.concise\", \"answer\": \"Hi.\", \"verdict\": \"fine\"}\n");
        CliRun r = CliRun.of("judge", "train", "--detector", "norm", "--input", items.toString(), "--constitution", STARTER.toString(),
                "--out", dir.resolve("m.json").toString());
        assertEquals(ExitCode.INPUT.code, r.exit(), r.err());
        assertTrue(r.err().contains("items.jsonl:2") && r.err().contains("'verdict' expected complies or violates, got 'fine'"), r.err());
        assertTrue(r.err().strip().lines().count() <= 2, r.err());
    }

    @Test
    void theCsvDetectorsStillNeedTheirColumns() {
        CliRun r = CliRun.of("judge", "train", "--detector", "refusal", "--input", "x.csv", "--out", dir.resolve("m.json").toString());
        assertEquals(ExitCode.USAGE.code, r.exit(), r.err());
        assertTrue(r.err().contains("--detector refusal needs --text-column and --label-column"), r.err());
    }
}
