package dev.polity.eval;

import dev.polity.model.Answer;
import dev.polity.model.AnswerRequest;
import dev.polity.model.AnswerSource;

/**
 * Recorded answers of a suite, looked up by the item's replay key (the prompt alone for a one-message
 * conversation, else every message as {@code role: content} lines), so that an answer recorded for one
 * context or turn is not served to another.
 */
final class ReplayByItem implements AnswerSource {
    private final AnswerSource recordings;

    ReplayByItem(AnswerSource recordings) {
        this.recordings = recordings;
    }

    @Override
    public String name() {
        return recordings.name();
    }

    @Override
    public Answer answer(AnswerRequest request) {
        return recordings.answer(AnswerRequest.of(EvalItem.replayKey(request.conversation())));
    }

    @Override
    public void close() {
        recordings.close();
    }
}
