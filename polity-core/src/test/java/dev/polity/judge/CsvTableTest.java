package dev.polity.judge;

import dev.polity.judge.train.DerogationTrainer;
import dev.polity.judge.train.RefusalTrainer;
import dev.polity.judge.train.TrainingData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polity.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir
    Path dir;

    Path write(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, body);
        return p;
    }

    @Test
    void rowsRememberTheLineTheyStartOn() throws Exception {
        CsvTable t = CsvTable.read(write("a.csv", "text,label\n\"two\nlines\",1\nthree,2\n"));
        assertEquals(List.of(2, 4), t.rows().stream().map(CsvTable.Row::line).toList());
        assertEquals("two\nlines", t.rows().get(0).values().get(0));
    }

    @Test
    void errorsNameFileAndLine() throws Exception {
        Path bad = write("bad.csv", "text,label\nok,1\n\"unclosed,2\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CsvTable.read(bad));
        assertEquals(bad.toString(), e.location().file());
        Path fields = write("fields.csv", "text,label\nok,1\nonly-one\n");
        InvalidInputException f = assertThrows(InvalidInputException.class, () -> CsvTable.read(fields));
        assertEquals(fields + ":3: expected 2 fields as in the header, got 1", f.oneLine());
        CsvTable t = CsvTable.read(write("c.csv", "text,label\nok,1\n"));
        InvalidInputException g = assertThrows(InvalidInputException.class, () -> t.column("answer", "--text-column"));
        assertEquals(dir.resolve("c.csv") + ":1: --text-column: no column 'answer'; the columns are text, label", g.oneLine());
    }

    @Test
    void badLabelsNameTheirLine() throws Exception {
        Path p = write("l.csv", "text,label\nfine,full_refusal\nhmm,maybe\n");
        TrainingData d = TrainingData.read(List.of(p), new TrainingData.Columns("text", null, "label", null));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RefusalTrainer.train(d, new DetectorsTest.KeywordEmbedder(), RefusalTrainer.Settings.DEFAULT, n -> { }));
        assertEquals(3, e.location().line());
        Path q = write("d.csv", "id,text,score\n1,a,2\n1,a,4\n2,b,x\n");
        TrainingData r = TrainingData.read(List.of(q), new TrainingData.Columns("text", null, "score", "id"));
        assertEquals(4, assertThrows(InvalidInputException.class, () -> DerogationTrainer.rated(r)).location().line());
    }

    @Test
    void ratingsSharingAnIdAreAveraged() throws Exception {
        Path q = write("d.csv", "id,text,score\n1,a,2\n2,b,5\n1,a,4\n");
        TrainingData r = TrainingData.read(List.of(q), new TrainingData.Columns("text", null, "score", "id"));
        List<DerogationTrainer.RatedText> rated = DerogationTrainer.rated(r);
        assertEquals(2, rated.size());
        assertEquals(3.0, rated.get(0).label());
        assertEquals(2, rated.get(0).ratings());
    }
}
