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
    void groupAwareTrainingAndGroupScores() throws Exception {
        Path train = dir.resolve("rated.csv");
        StringBuilder csv = new StringBuilder("instance_id,text,offensiveness,race\n");
        String[] texts = {"Have a lovely day!", "You are a pathetic idiot.", "Thanks for the help, friend.", "Shut up, you worthless loser.",
                "The weather is nice today.", "What a stupid, ugly take.", "I enjoyed the concert.", "Get lost, moron."};
        for (int t = 0; t < texts.length; t++) {
            boolean rude = t % 2 == 1;
            csv.append(t).append(",\"").append(texts[t]).append("\",").append(rude ? 4 : 1).append(",White\n");
            csv.append(t).append(",\"").append(texts[t]).append("\",").append(rude ? 5 : 2).append(",Asian\n");
        }
        Files.writeString(train, csv.toString());
        Path model = dir.resolve("groups.json");
        Result t = run("judge", "train", "--detector", "derogation", "--input", train.toString(), "--text-column", "text",
                "--label-column", "offensiveness", "--id-column", "instance_id", "--groups", "race", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("race Asian: 8 ratings of 8 texts"), t.out());
        JudgeModel m = JudgeModel.read(model);
        assertEquals(java.util.List.of("score", "score_race_Asian", "score_race_White"), m.outputs());
        assertEquals(java.util.List.of("Asian", "White"), m.groupHeads().stream().map(h -> h.group()).toList());

        Path out = dir.resolve("scored.csv");
        Result r = run("judge", "run", "--detector", "derogation", "--model", model.toString(), "--input", train.toString(),
                "--text-column", "text", "--group-scores", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        CsvTable scored = CsvTable.read(out);
        assertEquals(java.util.List.of("instance_id", "text", "offensiveness", "race", "verdict", "score", "score_race_Asian", "score_race_White",
                "disagreement"), scored.header().names());
        for (CsvTable.Row row : scored.rows()) {
            double asian = row.number(6);
            double white = row.number(7);
            assertEquals(Math.abs(asian - white), row.number(8), 1e-4);
        }

        Result unknown = run("judge", "train", "--detector", "derogation", "--input", train.toString(), "--text-column", "text",
                "--label-column", "offensiveness", "--groups", "ethnicity", "--out", model.toString());
        assertEquals(1, unknown.code());
        assertEquals(train + ":1: --groups: no column 'ethnicity'; the columns are instance_id, text, offensiveness, race", unknown.err().strip());

        Path weights = dir.resolve("population.csv");
        Files.writeString(weights, "group,weight\nWhite,0.6\nAsian,0.06\nMartian,0.1\n");
        Result noRatings = run("judge", "train", "--detector", "derogation", "--input", train.toString(), "--text-column", "text",
                "--label-column", "offensiveness", "--groups", "race", "--group-weights", weights.toString(), "--out", model.toString());
        assertEquals(1, noRatings.code());
        assertEquals("population.csv: --group-weights: group 'Martian' has no ratings in the training data; groups with ratings are Asian, White",
                noRatings.err().strip());

        Result pooled = run("judge", "run", "--detector", "derogation", "--input", train.toString(), "--text-column", "text", "--group-scores",
                "--out", out.toString());
        assertEquals(1, pooled.code());
        assertEquals("<default model>: --group-scores: the model has no group heads; train one with polity judge train --groups COLUMN",
                pooled.err().strip());
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
