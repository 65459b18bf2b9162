package dev.polity.server.app;

import dev.polity.store.DeliberationStore;
import java.util.List;
import java.util.Map;

/**
 * What a participant's page shows: the deliberation, the next statement to vote on (null when none is left),
 * progress, a notice after an action (a message key), the attribute questions and the participant's answers,
 * the opinion map once they have voted on {@code needVotes} statements, and the statements with the broadest
 * support; {@code canVote} when it takes votes (not closed, its close date not passed).
 */
public record ParticipantView(DeliberationStore.Stored deliberation, DeliberationStore.StoredStatement next, int voted, int total,
                              String notice, List<DeliberationStore.Question> questions, Map<String, String> answers, int needVotes,
                              String map, List<Support> support, int maxChars, boolean canVote) {

    /** A broadly supported statement and the share of all its votes that agree. */
    public record Support(String text, int agreePercent) {
    }
}
