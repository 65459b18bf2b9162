package dev.polity.deliberation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The factorisation stops at a minimum of the Community Notes objective, not merely where it slowed down. */
class BridgingFitTest {

    static final PlantedConversation.Spec SPEC = new PlantedConversation.Spec(300, 30, 5000, 3, 3, 0.85, 11);

    @Test
    void noSmallStepLowersTheLoss() {
        Conversation c = PlantedConversation.generate(SPEC);
        boolean[] all = new boolean[SPEC.statements()];
        Arrays.fill(all, true);
        Bridging fit = Bridging.fit(c.votes(), all, 1, 1e-12, 20000);
        double loss = fit.lossOn(c.votes(), all);
        assertEquals(fit.loss(), loss, 1e-9 * loss);
        // Perturb mu, every statement's and a sample of participants' intercept and factor both ways.
        double step = 1e-3;
        List<Bridging> moved = new ArrayList<>();
        for (double d : new double[] {-step, step}) {
            moved.add(new Bridging(fit.mu() + d, fit.statementIntercept(), fit.statementFactor(), fit.participantIntercept(),
                    fit.participantFactor(), fit.statementVotes(), 0, 0));
            for (int j = 0; j < SPEC.statements(); j++) {
                double[] cc = fit.statementIntercept().clone();
                cc[j] += d;
                double[] gg = fit.statementFactor().clone();
                gg[j] += d;
                moved.add(new Bridging(fit.mu(), cc, fit.statementFactor(), fit.participantIntercept(), fit.participantFactor(), fit.statementVotes(), 0, 0));
                moved.add(new Bridging(fit.mu(), fit.statementIntercept(), gg, fit.participantIntercept(), fit.participantFactor(), fit.statementVotes(), 0, 0));
            }
            for (int i = 0; i < SPEC.participants(); i += 7) {
                double[] bb = fit.participantIntercept().clone();
                bb[i] += d;
                double[] ff = fit.participantFactor().clone();
                ff[i] += d;
                moved.add(new Bridging(fit.mu(), fit.statementIntercept(), fit.statementFactor(), bb, fit.participantFactor(), fit.statementVotes(), 0, 0));
                moved.add(new Bridging(fit.mu(), fit.statementIntercept(), fit.statementFactor(), fit.participantIntercept(), ff, fit.statementVotes(), 0, 0));
            }
        }
        for (Bridging b : moved) {
            assertTrue(b.lossOn(c.votes(), all) > loss - 1e-9, "a step of 1e-3 lowered the loss");
        }
        // Directions that leave every prediction unchanged: a shift from mu into the statement intercepts, a rescaling.
        double[] shifted = fit.statementIntercept().clone();
        for (int j = 0; j < shifted.length; j++) {
            shifted[j] += 0.01;
        }
        assertTrue(new Bridging(fit.mu() - 0.01, shifted, fit.statementFactor(), fit.participantIntercept(), fit.participantFactor(),
                fit.statementVotes(), 0, 0).lossOn(c.votes(), all) > loss);
        double[] ff = Arrays.stream(fit.participantFactor()).map(x -> x * 1.05).toArray();
        double[] gg = Arrays.stream(fit.statementFactor()).map(x -> x / 1.05).toArray();
        assertTrue(new Bridging(fit.mu(), fit.statementIntercept(), gg, fit.participantIntercept(), ff, fit.statementVotes(), 0, 0)
                .lossOn(c.votes(), all) > loss);
    }

    @Test
    void defaultToleranceLandsNextToTheTightFit() {
        Conversation c = PlantedConversation.generate(SPEC);
        boolean[] all = new boolean[SPEC.statements()];
        Arrays.fill(all, true);
        Bridging tight = Bridging.fit(c.votes(), all, 1, 1e-13, 20000);
        Bridging fit = Bridging.fit(c.votes(), all, 1, Deliberation.BRIDGING_TOLERANCE, Deliberation.BRIDGING_MAX_SWEEPS);
        assertTrue(fit.sweeps() < Deliberation.BRIDGING_MAX_SWEEPS);
        for (int j = 0; j < SPEC.statements(); j++) {
            assertEquals(tight.statementIntercept()[j], fit.statementIntercept()[j], 2e-3, "intercept " + j);
            assertEquals(tight.statementFactor()[j], fit.statementFactor()[j], 2e-2, "factor " + j);
        }
        // And the seed does not matter.
        Bridging other = Bridging.fit(c.votes(), all, 99, 1e-13, 20000);
        for (int j = 0; j < SPEC.statements(); j++) {
            assertEquals(tight.statementIntercept()[j], other.statementIntercept()[j], 1e-4, "intercept " + j);
        }
    }
}
