package dev.polity.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.GuardrailRequestParams;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailRequest;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.polity.guard.Decision;
import dev.polity.guard.Guard;
import dev.polity.norms.Context;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The gateway's input check as a LangChain4j input guardrail: the conversation so far (the chat memory, then
 * the new user message) judged by the same {@link Guard}. A held prompt is a fatal result naming the norms; a
 * prompt with personal data to redact goes on redacted; otherwise it goes on unchanged.
 */
public final class PolityInputGuardrail implements InputGuardrail {
    private final Guard guard;
    private final Function<GuardrailRequestParams, Context> context;
    private final Consumer<Decision> decisions;

    /**
     * @param context   the context of a request (e.g. from the invocation's parameters), or a fixed one
     * @param decisions told every decision, to record or count it (the application's audit log)
     */
    public PolityInputGuardrail(Guard guard, Function<GuardrailRequestParams, Context> context, Consumer<Decision> decisions) {
        this.guard = guard;
        this.context = context;
        this.decisions = decisions;
    }

    public PolityInputGuardrail(Guard guard, Context context) {
        this(guard, p -> context, d -> { });
    }

    @Override
    public InputGuardrailResult validate(InputGuardrailRequest request) {
        UserMessage user = request.userMessage();
        String text = Texts.of(user);
        StringBuilder conversation = new StringBuilder();
        int turn = 1;
        if (request.requestParams() != null && request.requestParams().chatMemory() != null) {
            for (ChatMessage m : request.requestParams().chatMemory().messages()) {
                conversation.append(Texts.role(m)).append(": ").append(Texts.of(m)).append('\n');
                turn += m instanceof dev.langchain4j.data.message.AiMessage ? 1 : 0;
            }
        }
        conversation.append("user: ").append(text);
        Decision d = guard.checkPrompt(context.apply(request.requestParams()), conversation.toString(), turn);
        decisions.accept(d);
        if (d.holds()) {
            return fatal(d.notice(null));
        }
        String redacted = d.redactPrompt(text);
        return redacted.equals(text) ? success() : successWith(redacted);
    }
}
