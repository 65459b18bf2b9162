package dev.polity.judge;

import dev.polity.judge.check.CheckProgress;
import dev.polity.judge.check.GroupAgreement;
import dev.polity.judge.check.PopquornCheck;
import dev.polity.judge.train.TrainingData;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import dev.polity.judge.embed.CachedEmbedder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.RealData;
import org.junit.jupiter.api.Test;

/** The POPQUORN check ({@link PopquornCheck}) on the real data, against the bars; writes its table for docs/PERFORMANCE.md. */
class PopquornCheckTest {

    @Test
    void derogationScoresFollowTheAnnotators() {
        PopquornCheck.Result r = PopquornCheck.run(RealData.require("popquorn"), CachedEmbedder.miniLm(), CheckProgress.NONE);
        String md = r.markdown() + "\n" + r.sidesSentence() + "\n";
        Figures.write("popquorn", md);
        double median = r.human().median();
        assertEquals(1000, r.everyone().texts(), md);
        assertTrue(median > 0.45 && median < 0.6, "the human baseline should be near 0.53, got " + median);
        assertTrue(r.trainedReachesMedianAnnotator(), "trained " + r.everyone().trained() + " should reach the median annotator " + median + "\n" + md);
        assertTrue(r.everyone().defaultModel() > 0.2, "the default model should correlate with the raters, got " + r.everyone().defaultModel() + "\n" + md);
        assertEquals(4, r.sides().size(), md);

        GroupAgreement.Result h = r.heldOut();
        Figures.write("popquorn-groups", h.markdown());
        assertEquals(200, h.heldOutTexts(), md);
        assertEquals(List.of("race", "gender"), h.columns());
        assertEquals(List.of("Arab American", "Asian", "Black or African American", "Hispanic or Latino", "Native American", "White",
                "Man", "Non-binary", "Woman"), h.rows().stream().map(GroupAgreement.Row::group).toList(), md);
        assertTrue(h.overallKept(), "the group-aware detector keeps the pooled one's overall Spearman within 0.01\n" + md);
        GroupAgreement.Row white = h.rows().get(5);
        assertTrue(white.reference() && white.pooledLargest().lower() == white.pooledLargest().upper(),
                "the largest group's same-size samples are its own ratings: " + white);
        for (GroupAgreement.Row row : h.counted()) {
            assertTrue(row.pooledLargest().lower() < row.pooledLargest().mean() && row.pooledLargest().mean() < row.pooledLargest().upper(), row.toString());
        }
    }

    /** Every one of the five held-out folds in turn (about two minutes): how much the per-group figures move with the split. */
    @Test
    @EnabledIfSystemProperty(named = "polity.groupFolds", matches = "true")
    void groupAgreementOnEveryFold() {
        TrainingData data = TrainingData.read(List.of(RealData.require("popquorn").resolve(PopquornCheck.MARKER)),
                new TrainingData.Columns("text", null, "offensiveness", "instance_id", PopquornCheck.GROUP_COLUMNS));
        StringBuilder md = new StringBuilder();
        for (int fold = 0; fold < GroupAgreement.SPLIT_FOLDS; fold++) {
            md.append(GroupAgreement.run(data, CachedEmbedder.miniLm(), fold, n -> { }).markdown()).append('\n');
        }
        Figures.write("popquorn-groups-folds", md.toString());
    }
}
