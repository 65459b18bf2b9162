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

    /** Issue 10, defect 11: judge train on one class succeeded and reported cross-validated macro-F1 1.000. */
    @Test
    void oneClassOrOneRatingIsNothingToLearn() throws Exception {
        Path p = write("one.csv", "text,label\nfine,full_compliance\nsure,1_full_compliance\nok,full_compliance\n");
        TrainingData d = TrainingData.read(List.of(p), new TrainingData.Columns("text", null, "label", null));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RefusalTrainer.train(d, new DetectorsTest.KeywordEmbedder(), RefusalTrainer.Settings.DEFAULT, n -> { }));
        assertEquals(p + ": --label-column 'label': every row is full_compliance; expected rows of at least two of full_compliance, "
                + "full_refusal, partial_refusal", e.oneLine());
        Path q = write("same.csv", "id,text,score\n1,a,2\n2,b,2\n1,a,2\n");
        TrainingData r = TrainingData.read(List.of(q), new TrainingData.Columns("text", null, "score", "id"));
        e = assertThrows(InvalidInputException.class,
                () -> DerogationTrainer.train(r, new DetectorsTest.KeywordEmbedder(), DerogationTrainer.Settings.DEFAULT, n -> { }));
        assertEquals(q + ": --label-column 'score': every text is rated 2; expected ratings that differ", e.oneLine());
    }
}
