package dev.polity.reward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.TextEmbedder;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Group heads recover planted group preferences: two groups of raters with opposite tastes on one feature
 * ("spice": north likes it, south does not) and the same taste on another ("help"), their comparisons drawn from
 * Bradley-Terry with those utilities; north gives four fifths of the pairs.
 */
class PlantedGroupsTest {
    static final int SPICE = 0;
    static final int HELP = 1;
    static final int EXTRA = 4;
    static final int D = RewardFeatures.named() + EXTRA;
    static RewardModel model;

    /** A stand-in embedder of the extra dimensions (the features here are made, not computed). */
    static final class Stub implements TextEmbedder {
        @Override
        public String id() {
            return "planted";
        }

        @Override
        public int dimension() {
            return EXTRA;
        }

        @Override
        public List<Embedding> embed(List<String> texts, IntConsumer progress) {
            throw new UnsupportedOperationException("planted features are not embedded");
        }
    }

    static double utility(int group, double[] x) {
        return (group == 0 ? 2 : -2) * x[SPICE] + x[HELP];
    }

    static double[] answer(Random r) {
        double[] x = new double[D];
        for (int j = 0; j < D; j++) {
            x[j] = r.nextGaussian();
        }
        return x;
    }

    @BeforeAll
    static void train() {
        Random r = new Random(7);
        int n = 3000;
        double[][] chosen = new double[n][];
        double[][] rejected = new double[n][];
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = i % 5 == 0 ? 1 : 0;
            double[] a = answer(r);
            double[] b = answer(r);
            double p = Combination.utility(utility(group[i], a) - utility(group[i], b));
            boolean aWins = r.nextDouble() < p;
            chosen[i] = aWins ? a : b;
            rejected[i] = aWins ? b : a;
        }
        RewardTrainer.Settings s = RewardTrainer.Settings.DEFAULT.with("region", 0, 1);
        RewardTrainer.Fitted f = RewardTrainer.fit(chosen, rejected, group, List.of("north", "south"), s);
        model = f.model(s, new RewardFeatures(new Stub()), null, null);
    }

    @Test
    void eachGroupHeadOrdersFreshPairsAsItsGroupDoes() {
        Random r = new Random(11);
        for (int g = 0; g < 2; g++) {
            int right = 0;
            int n = 2000;
            for (int i = 0; i < n; i++) {
                double[] a = answer(r);
                double[] b = answer(r);
                double[] sa = model.headScores(model.standardise(a));
                double[] sb = model.headScores(model.standardise(b));
                right += (sa[g] > sb[g]) == (utility(g, a) > utility(g, b)) ? 1 : 0;
            }
            assertThat((double) right / n).as(model.heads().get(g).name()).isGreaterThanOrEqualTo(0.9);
        }
        assertThat(model.heads()).extracting(RewardModel.Head::pairs).containsExactly(2400, 600);
        assertThat(model.heads().get(0).weights()[SPICE]).isPositive();
        assertThat(model.heads().get(1).weights()[SPICE]).isNegative();
        assertThat(model.heads().get(1).crossValidated()).containsKeys("accuracy", "log_loss");
    }

    @Test
    void theEgalitarianCombinationFavoursTheAnswerBothGroupsAccept() {
        SocietalReward trained = new SocietalReward(model, new Stub(), Combination.of("egalitarian", model, "trained"));
        SocietalReward majority = new SocietalReward(model, new Stub(), Combination.of("utilitarian", model, "trained"));
        double[] both = new double[D];
        both[HELP] = 1;
        double[] polarising = new double[D];
        polarising[SPICE] = 1.5;
        polarising[HELP] = 1.5;
        SocietalReward.Preference eb = trained.preference(both);
        SocietalReward.Preference ep = trained.preference(polarising);
        // both groups accept the first (each utility above a half); the south rejects the second
        assertThat(eb.groups().values()).allSatisfy(u -> assertThat(u).isGreaterThan(0.5));
        assertThat(ep.groups().get("region=south")).isLessThan(0.5);
        assertThat(eb.value()).isGreaterThan(ep.value());
        // the weighted mean, dominated by the north's four fifths, prefers the polarising answer
        assertThat(majority.preference(polarising).value()).isGreaterThan(majority.preference(both).value());
    }
}
