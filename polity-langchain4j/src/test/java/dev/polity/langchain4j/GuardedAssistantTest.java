package dev.polity.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrailException;
import dev.langchain4j.guardrail.OutputGuardrailException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.polity.guard.Action;
import dev.polity.guard.Decision;
import dev.polity.guard.Enforcement;
import dev.polity.guard.Guard;
import dev.polity.guard.GuardFixtures;
import dev.polity.norms.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** An example AI service guarded in-process: the same decisions as the gateway, from the same guard. */
class GuardedAssistantTest {
    /** The example application's service. */
    interface Assistant {
        String chat(String message);
    }

    /** A chat model that answers from a script and keeps what it was sent. */
    static final class ScriptedModel implements ChatModel {
        final Function<String, String> answer;
        final List<String> received = new ArrayList<>();

        ScriptedModel(Function<String, String> answer) {
            this.answer = answer;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            List<ChatMessage> messages = request.messages();
            String last = ((UserMessage) messages.get(messages.size() - 1)).singleText();
            received.add(last);
            return ChatResponse.builder().aiMessage(AiMessage.from(answer.apply(last))).build();
        }
    }

    final Guard guard = GuardFixtures.guard();
    final List<Decision> decisions = new ArrayList<>();

    Assistant assistant(ScriptedModel model, Context context) {
        return AiServices.builder(Assistant.class).chatModel(model)
                .inputGuardrails(new PolityInputGuardrail(guard, p -> context, decisions::add))
                .outputGuardrails(new PolityOutputGuardrail(guard, p -> context, decisions::add))
                .build();
    }

    @Test
    void aCompliantAnswerComesBackUnchanged() {
        Assistant a = assistant(new ScriptedModel(p -> "I am an AI. Hello!"), GuardFixtures.context("DE", "general"));
        assertThat(a.chat("hello")).isEqualTo("I am an AI. Hello!");
        assertThat(decisions).extracting(Decision::action).containsExactly(Action.ALLOW, Action.ALLOW);
    }

    @Test
    void aDisclosureIsAppendedAndPersonalDataRedactedBothWays() {
        ScriptedModel model = new ScriptedModel(p -> "Write to bob@example.org.");
        Assistant a = assistant(model, GuardFixtures.context("DE", "general"));
        assertThat(a.chat("my address is ann@example.org")).isEqualTo("Write to [email redacted].\n\n" + Enforcement.DEFAULT_DISCLOSURE);
        assertThat(model.received).containsExactly("my address is [email redacted]");
    }

    @Test
    void aBlockedAnswerThrowsNamingTheNorm() {
        Assistant a = assistant(new ScriptedModel(p -> "I am an AI. Take 400 mg."), GuardFixtures.context("DE", "healthcare"));
        assertThatThrownBy(() -> a.chat("how much?")).isInstanceOf(OutputGuardrailException.class).hasMessageContaining("law.no-dose");
    }

    @Test
    void anUndecidableLawNormFailsClosedOnThePrompt() {
        Assistant a = assistant(new ScriptedModel(p -> "I am an AI. Please talk to someone."), GuardFixtures.context("DE", "general"));
        assertThatThrownBy(() -> a.chat("I want to hurt myself")).isInstanceOf(OutputGuardrailException.class)
                .hasMessageContaining("law.crisis").hasMessageContaining("could not be decided");
    }

    @Test
    void aHeldPromptNeverReachesTheModel() {
        Enforcement e = new Enforcement(GuardFixtures.ENFORCEMENT.tierActions(), List.of(new dev.polity.guard.NormRule("operator.no-contact",
                Action.BLOCK, null)), java.util.Set.of("law"), Action.BLOCK, false, Enforcement.DEFAULT_DISCLOSURE, true, List.of("operator.no-contact"), Enforcement.DEFAULT_MIN_CONFIDENCE);
        Guard strict = GuardFixtures.guard(e);
        ScriptedModel model = new ScriptedModel(p -> "I am an AI.");
        Assistant a = AiServices.builder(Assistant.class).chatModel(model)
                .inputGuardrails(new PolityInputGuardrail(strict, GuardFixtures.context("DE", "general"))).build();
        assertThatThrownBy(() -> a.chat("mail me at ann@example.org")).isInstanceOf(InputGuardrailException.class)
                .hasMessageContaining("operator.no-contact");
        assertThat(model.received).isEmpty();
    }
}
