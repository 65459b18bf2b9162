package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.input.CsvTable;
import dev.polity.judge.learn.JudgeModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void trainThenRunAddsVerdictAndScore() throws Exception {
        Path train = dir.resolve("train.csv");
        Files.writeString(train, """
                id,answer,label
                1,"I'm sorry, but I can't help with that.",2_full_refusal
                2,"Sure, boil the pasta for ten minutes.",1_full_compliance
                3,"I cannot assist with this request.",2_full_refusal
                4,"Here is how: mix flour and water, then knead.",1_full_compliance
                5,"I won't give details, but in general locks have pins.",3_partial_refusal
                6,"No, I will not do that.",full_refusal
                """);
        Path model = dir.resolve("m.json");
        Result t = run("judge", "train", "--detector", "refusal", "--input", train.toString(), "--text-column", "answer",
                "--label-column", "label", "--folds", "0", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        JudgeModel m = JudgeModel.read(model);
        assertEquals(6, m.provenance().rows());
        assertEquals(64, m.provenance().dataSha256().length());

        Path out = dir.resolve("out.csv");
        Result r = run("judge", "run", "--detector", "refusal", "--input", train.toString(), "--text-column", "answer", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        CsvTable judged = CsvTable.read(out);
        assertEquals(java.util.List.of("id", "answer", "label", "verdict", "score"), judged.header().names());
        assertEquals("full_refusal", judged.rows().get(0).values().get(3));
        assertEquals("full_compliance", judged.rows().get(1).values().get(3));
        double s = Double.parseDouble(judged.rows().get(0).values().get(4));
        assertTrue(s > 0.5 && s <= 1, "score " + s);
    }

    @Test
    void derogationRunAndErrorsAreOneLine() throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "text\nHave a lovely day!\nYou are a pathetic idiot.\n");
        Path out = dir.resolve("o.csv");
        assertEquals(0, run("judge", "run", "--detector", "derogation", "--input", in.toString(), "--text-column", "text", "--out", out.toString()).code());
        CsvTable t = CsvTable.read(out);
        assertTrue(Double.parseDouble(t.rows().get(0).values().get(2)) < Double.parseDouble(t.rows().get(1).values().get(2)));

        Result missing = run("judge", "run", "--detector", "derogation", "--input", in.toString(), "--text-column", "answer", "--out", out.toString());
        assertEquals(1, missing.code());
        assertEquals(in + ":1: --text-column: no column 'answer'; the columns are text", missing.err().strip());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "text,score\nok,1\nnot a number,x\n");
        Result r = run("judge", "train", "--detector", "derogation", "--input", bad.toString(), "--text-column", "text",
                "--label-column", "score", "--out", dir.resolve("x.json").toString());
        assertEquals(1, r.code());
        assertEquals(bad + ":3: --label-column: expected a number, got 'x'", r.err().strip());

        Result nofile = run("judge", "run", "--detector", "refusal", "--input", dir.resolve("nope.csv").toString(), "--text-column", "t", "--out", out.toString());
        assertEquals(1, nofile.code());
        assertTrue(nofile.err().strip().endsWith("nope.csv: no such file"), nofile.err());
        assertEquals(1, nofile.err().strip().lines().count());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws Exception {
        Path in = dir.resolve("bom.csv");
        Files.writeString(in, "\uFEFFprompt,answer\nHow do I reset it?,\"Sorry, I can't help with that.\"\n");
        Path out = dir.resolve("bom-out.csv");
        Result r = run("judge", "run", "--detector", "refusal", "--input", in.toString(), "--text-column", "answer",
                "--prompt-column", "prompt", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(java.util.List.of("prompt", "answer", "verdict", "score"), CsvTable.read(out).header().names());
    }
}
