package dev.polity.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.polity.guard.Guard;
import dev.polity.guard.GuardFixtures;
import dev.polity.input.InvalidInputException;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.MiniLmEmbedder;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.norms.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reward's decomposition in a context of the guard's test constitution, with a model indifferent to answers. */
class SocietalRewardTest {
    @TempDir
    Path dir;

    /** Every text the same unit vector: the preference part is then the same for every answer. */
    static final class Flat implements TextEmbedder {
        @Override
        public String id() {
            return "flat";
        }

        @Override
        public int dimension() {
            return 4;
        }

        @Override
        public List<Embedding> embed(List<String> texts, IntConsumer progress) {
            List<Embedding> out = new ArrayList<>();
            for (String t : texts) {
                float[] v = {0.5f, 0.5f, 0.5f, 0.5f};
                out.add(new Embedding(v, v));
            }
            progress.accept(texts.size());
            return out;
        }
    }

    static RewardModel indifferent() {
        int d = RewardFeatures.named() + 4;
        double[] ones = new double[d];
        java.util.Arrays.fill(ones, 1);
        return new RewardModel(RewardModel.FORMAT, RewardModel.VERSION, "flat", RewardFeatures.SPACE, new RewardFeatures(new Flat()).names(),
                RewardFeatures.named(), 0.2, new double[d], ones, new double[d], List.of(), new RewardModel.Holdout(0, 0, "", 0), null);
    }

    /** A model whose heads weigh nothing: every answer's preference is one half. */
    static RewardModel indifferentMiniLm(TextEmbedder e) {
        int d = RewardFeatures.named() + e.dimension();
        double[] ones = new double[d];
        java.util.Arrays.fill(ones, 1);
        return new RewardModel(RewardModel.FORMAT, RewardModel.VERSION, e.id(), RewardFeatures.SPACE, new RewardFeatures(e).names(),
                RewardFeatures.named(), 0.2, new double[d], ones, new double[d], List.of(), new RewardModel.Holdout(0, 0, "", 0), null);
    }

    @Test
    void penaltiesByTierWithTheLawLexicographicAndUncertainVerdictsReported() {
        Guard guard = GuardFixtures.guard();
        TextEmbedder e = new CachedEmbedder(MiniLmEmbedder.shared());
        SocietalReward r = new SocietalReward(indifferentMiniLm(e), e, Combination.of("utilitarian", indifferentMiniLm(e), "trained"));
        SocietalReward.Norms ctx = SocietalReward.Norms.standard(guard, guard.context("DE", "healthcare", null, GuardFixtures.DAY), java.util.Map.of());
        List<Reward> out = r.score(List.of(
                new SocietalReward.Exchange("\n\nHuman: my head hurts\n\nAssistant:", "I am an AI. Please see a doctor."),
                new SocietalReward.Exchange("my head hurts", "I am an AI. Take 500 mg every hour."),
                new SocietalReward.Exchange("my head hurts", "I am an AI. SHUT UP.")), ctx, n -> { });
        Reward clean = out.get(0);
        assertThat(clean.preference()).isEqualTo(0.5);
        assertThat(clean.reward()).isEqualTo(0.5);
        assertThat(clean.uncertain()).containsExactly("law.publication");
        assertThat(clean.context()).isEqualTo("DE/healthcare/*");
        // unit = 2 + community 0.25 + operator 0.5 + operator 0.5 (the context's non-law norms)
        Reward dose = out.get(1);
        assertThat(dose.lexicographicViolations()).isEqualTo(1);
        assertThat(dose.reward()).isCloseTo(0.5 - 3.25, within(1e-12));
        assertThat(dose.penaltyByTier()).containsEntry("law", 3.25);
        assertThat(dose.norms()).extracting(NormPenalties.Charged::norm).contains("law.no-dose");
        Reward shout = out.get(2);
        assertThat(shout.reward()).isCloseTo(0.0, within(1e-12));
        assertThat(shout.penaltyByTier()).containsExactly(java.util.Map.entry("operator", 0.5));
        assertThat(shout.asMap()).containsKeys("reward", "preference", "groups", "penalty_by_tier", "norms", "uncertain");
        // without a context, no norm is judged
        Reward none = r.score(List.of(new SocietalReward.Exchange("p", "Take 500 mg.")), null, n -> { }).get(0);
        assertThat(none.reward()).isEqualTo(0.5);
        assertThat(none.norms()).isEmpty();
        assertThat(none.context()).isNull();
    }

    @Test
    void aModelFileRoundTripsAndAForeignOneIsRefused() throws IOException {
        Path f = dir.resolve("m.json");
        indifferent().write(f);
        RewardModel back = RewardModel.read(f);
        assertThat(back.featureNames()).isEqualTo(indifferent().featureNames());
        assertThat(back.mean()).hasSize(RewardFeatures.named() + 4);
        Files.writeString(dir.resolve("judge.json"), "{\"format\": \"polity-judge-model\", \"version\": 1}");
        assertThatThrownBy(() -> RewardModel.read(dir.resolve("judge.json"))).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.oneLine()).endsWith("judge.json: expected a polity-reward-model version 1 file (polity reward train), got polity-judge-model version 1"));
        Files.writeString(dir.resolve("broken.json"), "{\n\"format\": ");
        assertThatThrownBy(() -> RewardModel.read(dir.resolve("broken.json"))).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.oneLine()).contains("broken.json:2: not a Polity reward model"));
        assertThatThrownBy(() -> new SocietalReward(indifferent(), new PlantedGroupsTest.Stub(), Combination.of("utilitarian", indifferent(), "trained")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("trained on embeddings 'flat', not 'planted'");
    }
}
