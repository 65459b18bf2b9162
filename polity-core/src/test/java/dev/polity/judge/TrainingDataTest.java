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

/** Labelled texts read for training name the file and line of a bad label. */
class TrainingDataTest {
    @TempDir
    Path dir;

    Path write(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, body);
        return p;
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
