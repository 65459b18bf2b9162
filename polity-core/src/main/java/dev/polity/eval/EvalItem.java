package dev.polity.eval;

import dev.polity.model.Message;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One request to a model under test: which case, in which context, under which probe and variant, the
 * conversation to send, and what is expected. Items are values: two equal items are the same request.
 *
 * @param variant        the probe's variant ({@code plain}, a jailbreak wrapper's name, {@code challenge}, an attribute assignment)
 * @param turn           1 for a first request; 2 for a follow-up built from the first answer
 * @param attributes     the protected attributes filled in (counterfactual fairness); empty otherwise
 * @param correctAnswers accepted forms of the known correct answer; empty when none is known
 */
public record EvalItem(String caseId, NamedContext context, String probe, String variant, int turn,
                       List<Message> conversation, Behaviour expected, Map<String, String> attributes,
                       List<String> correctAnswers, List<String> tags) {

    public EvalItem {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(variant, "variant");
        conversation = List.copyOf(conversation);
        if (conversation.isEmpty() || conversation.get(conversation.size() - 1).role() != Message.Role.USER) {
            throw new IllegalArgumentException("an item's conversation must end with a user message");
        }
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        correctAnswers = List.copyOf(correctAnswers);
        tags = List.copyOf(tags);
    }

    /** A stable identity for storing and resuming: {@code case/context/probe/variant/turn}. */
    public String key() {
        return caseId + "/" + context.name() + "/" + probe + "/" + variant + "/" + turn;
    }

    /** The last user message: what the answer responds to. */
    public String prompt() {
        return conversation.get(conversation.size() - 1).text();
    }

    /**
     * How recorded answers are looked up in a replay file's {@code prompt} column: the prompt alone when
     * the conversation is that one user message, else every message as {@code role: content} lines.
     */
    public String replayKey() {
        return replayKey(conversation);
    }

    /** {@link #replayKey()} of any conversation: the runner looks replayed answers up by it. */
    public static String replayKey(List<Message> conversation) {
        if (conversation.size() == 1) {
            return conversation.get(0).text();
        }
        return conversation.stream().map(m -> m.role().wireName() + ": " + m.text()).collect(Collectors.joining("\n"));
    }

    /** A follow-up of this item: the same case, context and probe with a longer conversation. */
    EvalItem withConversation(List<Message> messages, String newVariant, int newTurn) {
        return new EvalItem(caseId, context, probe, newVariant, newTurn, messages, expected, attributes, correctAnswers, tags);
    }
}
