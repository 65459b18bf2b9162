package dev.polity.choice;

import java.util.List;

/**
 * What a voting rule decided. {@code ranking} is a complete order (ties broken by the item order);
 * {@code winners} are the co-winners before any tie-break; {@code tieBroken} says the first place of the
 * ranking was picked among several by the tie-break. {@code scores} is the rule's own score per item when it
 * has one, {@code lottery} the probability per item for maximal lotteries.
 */
public record RuleResult(Rule rule, List<Integer> ranking, List<Integer> winners, boolean tieBroken,
                         double[] scores, double[] lottery, String note) {
    public RuleResult {
        ranking = List.copyOf(ranking);
        winners = List.copyOf(winners);
    }

    public int winner() {
        return ranking.get(0);
    }
}
