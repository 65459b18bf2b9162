package dev.polity.server.app;

import dev.polity.store.DeliberationStore;
import java.util.List;
import java.util.Map;

/** Everything kept about a participant in a deliberation: their number, votes (with the statements' text), statements and answers. */
public record MyData(DeliberationStore.Stored deliberation, Long participant, List<MyVote> votes, List<DeliberationStore.StoredStatement> statements,
                     Map<String, String> answers) {

    /** A vote and the statement it is on; {@code key} is the message key of the vote (vote.agree, ...). */
    public record MyVote(String statement, String key) {
    }
}
