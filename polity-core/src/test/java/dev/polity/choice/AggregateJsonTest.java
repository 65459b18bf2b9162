package dev.polity.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The aggregate JSON shape, key order included, and the conversions between majority matrices and pair counts. */
class AggregateJsonTest {
    /** 1 beats 2 (3 to 2) and 3 (3 to 2); 2 beats 3 (5 to 0): 1 is the Condorcet winner, 3 the loser. */
    static final Profile FIVE = PrefLibReader.parse("# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 5\n3: 1,2,3\n2: 2,3,1\n", "t.soc");

    @Test
    void majorityAndPairCountsConvertBothWays() {
        MajorityMatrix m = FIVE.majority();
        PairCounts c = PairCounts.of(m);
        assertThat(c.first()).containsExactly(0, 0, 1);
        assertThat(c.second()).containsExactly(1, 2, 2);
        assertThat(c.firstWins()).containsExactly(3, 3, 5);
        assertThat(c.secondWins()).containsExactly(2, 2, 0);
        MajorityMatrix back = MajorityMatrix.of(c);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertThat(back.prefer(a, b)).isEqualTo(m.prefer(a, b));
            }
        }
        assertThat(back.largestPairTotal()).isEqualTo(5);
    }

    @Test
    void rulesCarryTheCondorcetFactsInAFixedKeyOrder() {
        List<RuleResult> done = List.of(Rule.SCHULZE.apply(FIVE), Rule.PLURALITY.apply(FIVE));
        Map<String, Object> j = AggregateJson.rules(FIVE.items(), FIVE.majority(), done, List.of("kemeny: skipped"));
        assertThat(j.keySet()).containsExactly("rules", "condorcet_winner", "condorcet_loser", "smith_set", "majority_cycle",
                "condorcet_winner_elected_by", "skipped");
        assertThat(j).contains(entry("condorcet_winner", 1), entry("condorcet_loser", 3), entry("smith_set", List.of(1)),
                entry("majority_cycle", false), entry("condorcet_winner_elected_by", List.of("schulze", "plurality")));
        @SuppressWarnings("unchecked")
        Map<String, Object> schulze = ((List<Map<String, Object>>) j.get("rules")).get(0);
        assertThat(schulze).containsExactly(entry("rule", "schulze"), entry("winners", List.of(1)), entry("ranking", List.of(1, 2, 3)),
                entry("tie_broken", false));
    }

    @Test
    void groupsListTheMostDisputedItemsWithItemBeforeSpread() {
        // the groups agree on c and are opposed on a and b
        double[][] utility = {{1, 0, 0.5}, {0, 1, 0.5}};
        GroupAnalysis a = GroupAnalysis.of(List.of("a", "b", "c"), List.of("north", "south"), utility, new double[] {10, 30},
                new double[] {0.5, 0.5}, Welfare.EGALITARIAN);
        Map<String, Object> j = AggregateJson.groups(a, List.of("region"), "equal");
        assertThat(j.keySet()).containsExactly("attributes", "welfare", "weights", "per_group", "collective", "worst_off", "most_disputed");
        assertThat(j.get("welfare")).isEqualTo("egalitarian");
        assertThat(j.get("most_disputed")).isEqualTo(List.of(Map.of("item", "a", "spread", 1.0), Map.of("item", "b", "spread", 1.0),
                Map.of("item", "c", "spread", 0.0)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> disputed = (List<Map<String, Object>>) j.get("most_disputed");
        assertThat(disputed).allSatisfy(d -> assertThat(d.keySet()).containsExactly("item", "spread"));
        @SuppressWarnings("unchecked")
        Map<String, Object> north = ((List<Map<String, Object>>) j.get("per_group")).get(0);
        assertThat(north.keySet()).containsExactly("group", "size", "weight", "favourite", "favourite_collective_rank", "regret",
                "kendall_tau", "top");
        assertThat(north).contains(entry("group", "north"), entry("size", 10.0), entry("favourite", "a"));
    }
}
