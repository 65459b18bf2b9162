package dev.polity.deliberation;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups defined by the answer to a meta statement (a demographic question such as "I am over 40"):
 * those who agreed, disagreed or passed, with their votes on every statement, so that agree rates can be
 * compared across demographics as Polis's report does for opinion groups. Participants who did not answer
 * are in none.
 *
 * @param question the meta statement's index
 * @param size     participants per answer: agree, disagree, pass
 * @param votes    votes per statement and answer group ({@code [statement][answer]})
 */
public record AnswerGroups(int question, int[] size, GroupVotes votes) {

    public static final List<String> ANSWERS = List.of("agree", "disagree", "pass");

    /** One entry per meta statement of the conversation, in statement order. */
    public static List<AnswerGroups> of(Conversation c) {
        VoteMatrix m = c.votes();
        List<AnswerGroups> out = new ArrayList<>();
        for (int q = 0; q < c.statements().size(); q++) {
            if (!c.statements().get(q).meta()) {
                continue;
            }
            int[] answer = new int[m.participants()];
            int[] size = new int[ANSWERS.size()];
            for (int i = 0; i < m.participants(); i++) {
                Integer v = m.vote(i, q);
                answer[i] = v == null ? -1 : v > 0 ? 0 : v < 0 ? 1 : 2;
                if (answer[i] >= 0) {
                    size[answer[i]]++;
                }
            }
            out.add(new AnswerGroups(q, size, GroupVotes.of(m, answer, ANSWERS.size())));
        }
        return out;
    }

    /** Share of answer group a's votes on statement j that agree (passes count as votes, as Polis counts them); NaN without votes. */
    public double agreeRate(int j, int a) {
        int seen = votes.seen()[j][a];
        return seen == 0 ? Double.NaN : (double) votes.agree()[j][a] / seen;
    }
}
