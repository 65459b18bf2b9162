package dev.polity.judge;

import dev.polity.judge.check.CheckProgress;
import dev.polity.judge.check.XsTestCheck;
import dev.polity.judge.embed.CachedEmbedder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.RealData;
import org.junit.jupiter.api.Test;

/** The XSTest check ({@link XsTestCheck}) on the real data, against the bars; writes its table for docs/PERFORMANCE.md. */
class XsTestCheckTest {

    @Test
    void defaultAndLeaveOneModelOutDetectorsBeatTheBaselines() {
        XsTestCheck.Result r = XsTestCheck.run(RealData.require("xstest"), CachedEmbedder.miniLm(), CheckProgress.NONE);
        String md = r.markdown();
        Figures.write("xstest", md);
        assertEquals(XsTestCheck.MODELS, r.models().stream().map(XsTestCheck.ModelRow::model).toList());
        // The data's own SOURCE.md gives these baseline accuracies; reproducing them shows the join and the refusal mapping are right.
        assertEquals(0.936, r.models().get(0).stringMatch(), 0.0005, md);
        assertEquals(0.756, r.models().get(2).gpt4Judge(), 0.0005, md);
        assertTrue(r.trainedBehindABaseline().isEmpty(), "the trained detector must beat both baselines on every model: " + r.trainedBehindABaseline() + "\n" + md);
        assertTrue(r.mean().trained() >= 0.93, "mean leave-one-model-out accuracy " + r.mean().trained() + "\n" + md);
        assertTrue(r.mean().defaultDetector() > r.mean().stringMatch(), "the default detector must beat string match on average\n" + md);
    }
}
