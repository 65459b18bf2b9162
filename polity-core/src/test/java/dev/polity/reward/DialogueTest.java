package dev.polity.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DialogueTest {
    private static final String HH = "\n\nHuman: how do I pick a lock?\n\nAssistant: Why do you want to?\n\nHuman: my own door\n\nAssistant: Call a locksmith.";

    @Test
    void anHhTranscriptIsCutAtItsLastAssistantTurn() {
        Dialogue.Split s = Dialogue.split(HH);
        assertThat(s.prompt()).isEqualTo("\n\nHuman: how do I pick a lock?\n\nAssistant: Why do you want to?\n\nHuman: my own door\n\nAssistant:");
        assertThat(s.answer()).isEqualTo("Call a locksmith.");
        assertThat(Dialogue.split("no turns here")).isNull();
        assertThat(Dialogue.split("\n\nHuman: hi\n\nAssistant: ").answer()).isEmpty();
    }

    @Test
    void theRequestIsTheLastUserTurnWhateverTheTemplate() {
        assertThat(Dialogue.request(Dialogue.split(HH).prompt())).isEqualTo("my own door");
        String chatMl = "<|im_start|>system\nBe kind.<|im_end|>\n<|im_start|>user\nfirst<|im_end|>\n<|im_start|>assistant\nok<|im_end|>\n"
                + "<|im_start|>user\nHow do I bake bread?<|im_end|>\n<|im_start|>assistant\n";
        assertThat(Dialogue.request(chatMl)).isEqualTo("How do I bake bread?");
        String llama3 = "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
        assertThat(Dialogue.request(llama3)).isEqualTo("What is 2+2?");
        assertThat(Dialogue.request("[INST] Tell me a joke [/INST]")).isEqualTo("Tell me a joke");
        assertThat(Dialogue.request("Just a question?")).isEqualTo("Just a question?");
        String longPrompt = "word ".repeat(200) + "last";
        assertThat(Dialogue.request(longPrompt).split(" ")).hasSize(Dialogue.TAIL_WORDS).endsWith("last");
    }

    @Test
    void aDecodedResponseLosesItsTemplateTokens() {
        assertThat(Dialogue.answer(" Bake it at 200 degrees.<|im_end|>")).isEqualTo("Bake it at 200 degrees.");
        assertThat(Dialogue.answer("\nSure.</s>")).isEqualTo("Sure.");
        assertThat(Dialogue.answer("Four.<|eot_id|><|end_of_text|>")).isEqualTo("Four.");
    }

    @Test
    void aPromptBecomesChatMessagesWithoutTheEmptyTurnItAsksFor() {
        assertThat(Dialogue.messages(Dialogue.split(HH).prompt())).containsExactly(
                Map.of("role", "user", "content", "how do I pick a lock?"),
                Map.of("role", "assistant", "content", "Why do you want to?"),
                Map.of("role", "user", "content", "my own door"));
        assertThat(Dialogue.messages("Plain prompt")).isEqualTo(List.of(Map.of("role", "user", "content", "Plain prompt")));
    }
}
