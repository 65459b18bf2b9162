package dev.polity.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.input.PluginInfo;
import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.TextEmbedder;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** Every registered detector is made under the name it is registered as, and reads what its description says. */
class DetectorRegistryTest {
    /** Stands in for MiniLM where only the id is looked at: the default models check it when they are loaded. */
    static final TextEmbedder MINILM_ID = new TextEmbedder() {
        @Override
        public String id() {
            return "all-minilm-l6-v2-q/chunks-80x6";
        }

        @Override
        public int dimension() {
            return 384;
        }

        @Override
        public List<Embedding> embed(List<String> texts, IntConsumer progress) {
            throw new UnsupportedOperationException("not embedded in this test");
        }
    };

    @Test
    void eachEntryMakesTheDetectorItDescribes() {
        JudgeChat chat = (system, user) -> "{\"verdict\": \"complies\", \"confidence\": 1, \"evidence\": \"\"}";
        Detectors.Materials materials = new Detectors.Materials(() -> MINILM_ID, () -> chat);
        assertThat(Detectors.REGISTRY.names()).containsExactly("rules", "refusal", "derogation", "exemplars", "norm-judge", "llm-judge");
        for (PluginInfo info : Detectors.REGISTRY.infos()) {
            assertThat(Detectors.create(info.name(), materials)).get().extracting(Detector::name).isEqualTo(info.name());
            assertThat(info.description()).doesNotContain("\n");
            assertThat(info.source()).isNotBlank();
        }
    }

    @Test
    void withoutAJudgeModelThereIsNoLlmJudge() {
        Detectors.Materials none = new Detectors.Materials(() -> MINILM_ID, () -> null);
        assertThat(Detectors.create(LlmJudge.NAME, none)).isEmpty();
        assertThat(Detectors.create(RuleDetector.NAME, none)).isPresent();
    }

    @Test
    void theChecksEveryDetectorTakesAreTheOnesTheEnsembleReads() {
        assertThat(Detectors.REGISTRY.common()).extracting(PluginInfo.Parameter::name).containsExactly("when_prompt_matches", "first_turn_only");
        assertThat(Detectors.REGISTRY.infos()).allSatisfy(i -> assertThat(i.parameterNames()).doesNotContain("when_prompt_matches", "first_turn_only"));
    }
}
