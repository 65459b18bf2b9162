package dev.polity.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.GuardrailRequestParams;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.model.input.PromptTemplate;
import dev.polity.guard.Decision;
import dev.polity.guard.Guard;
import dev.polity.norms.Context;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The gateway's output check as a LangChain4j output guardrail: the model's answer judged by the same
 * {@link Guard} against every norm in force in the context. Blocked or held for review (when review holds):
 * a fatal result naming the norms, so the AI service throws; personal data redacted and disclosures appended:
 * the answer goes on rewritten; otherwise unchanged. An answer that only calls tools has no text to judge.
 */
public final class PolityOutputGuardrail implements OutputGuardrail {
    private final Guard guard;
    private final Function<GuardrailRequestParams, Context> context;
    private final Consumer<Decision> decisions;

    public PolityOutputGuardrail(Guard guard, Function<GuardrailRequestParams, Context> context, Consumer<Decision> decisions) {
        this.guard = guard;
        this.context = context;
        this.decisions = decisions;
    }

    public PolityOutputGuardrail(Guard guard, Context context) {
        this(guard, p -> context, d -> { });
    }

    @Override
    public OutputGuardrailResult validate(OutputGuardrailRequest request) {
        AiMessage answer = request.responseFromLLM().aiMessage();
        String text = answer.text();
        if (text == null) {
            return success();
        }
        GuardrailRequestParams params = request.requestParams();
        Decision d = guard.checkAnswer(context.apply(params), prompt(params), text, turn(params));
        decisions.accept(d);
        if (d.holds()) {
            return fatal(d.notice(null));
        }
        String delivered = d.deliver(text);
        return delivered.equals(text) ? success() : successWith(delivered);
    }

    /**
     * The request the answer answers: the invocation's user message, else the service's user message template
     * filled in, else the last user message in the chat memory.
     */
    private static String prompt(GuardrailRequestParams params) {
        if (params == null) {
            return "";
        }
        if (params.invocationContext() != null && params.invocationContext().userMessage() != null) {
            return Texts.of(params.invocationContext().userMessage());
        }
        if (params.userMessageTemplate() != null && params.variables() != null) {
            return PromptTemplate.from(params.userMessageTemplate()).apply(params.variables()).text();
        }
        if (params.chatMemory() != null) {
            List<ChatMessage> messages = params.chatMemory().messages();
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i) instanceof UserMessage u) {
                    return Texts.of(u);
                }
            }
        }
        return "";
    }

    /** Which answer of the conversation this is: one more than the answers already in memory. */
    private static int turn(GuardrailRequestParams params) {
        if (params == null || params.chatMemory() == null) {
            return 1;
        }
        return 1 + (int) params.chatMemory().messages().stream().filter(m -> m instanceof AiMessage).count();
    }
}
