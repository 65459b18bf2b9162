package dev.polity.judge;

import dev.polity.judge.check.CheckProgress;
import dev.polity.judge.check.PopquornCheck;
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
    }
}
