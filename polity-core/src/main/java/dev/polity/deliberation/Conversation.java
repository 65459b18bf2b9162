package dev.polity.deliberation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One deliberation as imported: statements and participants in id order, their latest votes, the groups
 * Polis itself exported ({@code group-id}; null where Polis did not cluster the participant, empty map
 * when the export has none) and the warnings the import raised (e.g. a missing file).
 */
public record Conversation(String name, List<Statement> statements, List<String> participants, VoteMatrix votes,
                           Map<String, Integer> polisGroups, List<String> warnings) {

    public Conversation {
        statements = List.copyOf(statements);
        participants = List.copyOf(participants);
        polisGroups = java.util.Collections.unmodifiableMap(new HashMap<>(polisGroups));
        warnings = List.copyOf(warnings);
    }

    public int statementIndex(String id) {
        for (int j = 0; j < statements.size(); j++) {
            if (statements.get(j).id().equals(id)) {
                return j;
            }
        }
        return -1;
    }

    public Map<String, Integer> participantIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < participants.size(); i++) {
            m.put(participants.get(i), i);
        }
        return m;
    }
}
