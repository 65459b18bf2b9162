package dev.polity.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed and textbook results for every rule, including profiles where the rules disagree. */
class RulesTest {
    private static List<Object> run(Rule r, Profile p) {
        return p.labels(r.apply(p).ranking());
    }

    @Test
    void tennesseeRulesDisagree() {
        Profile p = ProfileFixtures.tennessee();
        // plurality: first preferences 42/26/15/17
        assertEquals(List.of("Memphis", "Nashville", "Knoxville", "Chattanooga"), run(Rule.PLURALITY, p));
        // Borda (3,2,1,0): Nashville 194, Chattanooga 173, Memphis 126, Knoxville 107
        RuleResult borda = Rule.BORDA.apply(p);
        assertEquals(List.of("Nashville", "Chattanooga", "Memphis", "Knoxville"), p.labels(borda.ranking()));
        assertArrayEquals(new double[] {126, 194, 173, 107}, borda.scores(), 1e-9);
        // IRV: Chattanooga out (15 -> Knoxville 32), Nashville out (26 -> Knoxville 58), Knoxville beats Memphis
        assertEquals(List.of("Knoxville", "Memphis", "Nashville", "Chattanooga"), run(Rule.IRV, p));
        // Nashville is the Condorcet winner; the pairwise order is N > C > K > M
        List<Object> condorcetOrder = List.of("Nashville", "Chattanooga", "Knoxville", "Memphis");
        for (Rule r : List.of(Rule.COPELAND, Rule.SCHULZE, Rule.RANKED_PAIRS, Rule.KEMENY)) {
            assertEquals(condorcetOrder, run(r, p), r.id());
        }
        RuleResult ml = Rule.MAXIMAL_LOTTERIES.apply(p);
        assertEquals(1.0, ml.lottery()[1], 1e-12);
        assertEquals("Nashville", p.items().get(p.majority().condorcetWinner()));
        assertEquals("Memphis", p.items().get(p.majority().condorcetLoser()));
    }

    @Test
    void schulzePaperExampleAndRankedPairsDisagree() {
        Profile p = ProfileFixtures.schulzeExample();
        MajorityMatrix m = p.majority();
        // Schulze (2011) table: d[A,B]=20, d[B,A]=25, d[E,D]=31, d[C,B]=29
        assertEquals(20, m.prefer(0, 2), 0); // items in order of first appearance: A, C, B, E, D
        assertEquals(25, m.prefer(2, 0), 0);
        assertEquals(31, m.prefer(3, 4), 0);
        assertEquals(29, m.prefer(1, 2), 0);
        assertEquals(List.of("E", "A", "C", "B", "D"), run(Rule.SCHULZE, p));
        // ranked pairs by margin: B>D 21, E>D 17, A>D 15, C>B 13, (D>C 11 rejected), E>B 9, A>C 7,
        // (B>A 5 rejected), C>E 3, (E>A 1 rejected): A > C > E > B > D
        assertEquals(List.of("A", "C", "E", "B", "D"), run(Rule.RANKED_PAIRS, p));
        // Copeland: E wins 3 duels, A, B and C 2 each, D 1; ties in score go in item order (A, C, B)
        assertEquals(List.of("E", "A", "C", "B", "D"), run(Rule.COPELAND, p));
        assertEquals(-1, m.condorcetWinner());
        // D beats C, C beats B and E, B beats D: no proper subset beats every outsider
        assertEquals(List.of("A", "C", "B", "E", "D"), p.labels(m.smithSet()));
        assertTrue(m.hasMajorityCycle());
    }

    @Test
    void maximalLotteryOnAWeightedCycle() {
        // a beats b by 3, b beats c by 1, c beats a by 1: the equilibrium is proportional to (1, 1, 3)
        double[][] n = {{0, 3, 0}, {0, 0, 1}, {1, 0, 0}};
        RuleResult r = Rule.MAXIMAL_LOTTERIES.apply(new MajorityMatrix(n), 5);
        assertArrayEquals(new double[] {0.2, 0.2, 0.6}, r.lottery(), 1e-9);
        assertEquals(List.of(2, 0, 1), r.ranking());
        assertEquals(List.of(0, 1, 2), r.winners());
    }

    /** Issue 10, defect 6: on an exact tie the solver's vertex {1: 1.0} was reported as if 1 had won outright. */
    @Test
    void defect6AnExactTieIsReportedWithTheEvenestMaximalLottery() {
        Profile p = ProfileFixtures.of("5: a>b>c", "5: b>a>c");
        RuleResult r = Rule.MAXIMAL_LOTTERIES.apply(p);
        assertArrayEquals(new double[] {0.5, 0.5, 0}, r.lottery(), 1e-9);
        assertEquals(List.of(0, 1), r.winners());
        assertTrue(r.tieBroken());
        assertEquals(List.of(0, 1, 2), r.ranking());
    }

    @Test
    void aFaceOfMaximalLotteriesGivesTheOneClosestToUniform() {
        // a and b tie; both beat c and d by 2; c and d tie: every lottery on {a, b} is maximal, and c, d get none
        double[][] n = {{0, 1, 2, 2}, {1, 0, 2, 2}, {0, 0, 0, 1}, {0, 0, 1, 0}};
        RuleResult r = Rule.MAXIMAL_LOTTERIES.apply(new MajorityMatrix(n), 2);
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0}, r.lottery(), 1e-9);
        // a cycle a > b > c > a by 2 each with d tied against all: the maximal lotteries are (1-t)(1/3, 1/3, 1/3) + t d,
        // and the one closest to uniform is t = 1/4, the uniform lottery itself
        double[][] cycle = {{0, 3, 1, 1}, {1, 0, 3, 1}, {3, 1, 0, 1}, {1, 1, 1, 0}};
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, Rule.MAXIMAL_LOTTERIES.apply(new MajorityMatrix(cycle), 4).lottery(), 1e-9);
    }

    @Test
    void symmetricCycleIsUniformAndEveryTieIsReported() {
        Profile p = ProfileFixtures.of("1: a>b>c", "1: b>c>a", "1: c>a>b");
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, Rule.MAXIMAL_LOTTERIES.apply(p).lottery(), 1e-9);
        for (Rule r : List.of(Rule.PLURALITY, Rule.BORDA, Rule.COPELAND, Rule.SCHULZE, Rule.KEMENY, Rule.IRV, Rule.RANKED_PAIRS,
                Rule.MAXIMAL_LOTTERIES)) {
            RuleResult res = r.apply(p);
            assertTrue(res.tieBroken(), r.id());
            assertEquals("a", p.items().get(res.winner()), r.id() + " favours the first item on a tie");
            if (r != Rule.RANKED_PAIRS) { // ranked pairs locks a>b, b>c in item order and leaves only a unbeaten
                assertEquals(List.of(0, 1, 2), res.winners(), r.id());
            }
        }
        assertEquals(List.of(0, 1, 2), p.majority().smithSet());
    }

    @Test
    void tiesAndTruncationFollowTheDocumentedConventions() {
        // unranked alternatives are tied at the bottom; a tie at the top splits a plurality vote
        Profile p = ProfileFixtures.of("2: a=b>c", "1: c");
        RuleResult plurality = Rule.PLURALITY.apply(p);
        assertArrayEquals(new double[] {1, 1, 1}, plurality.scores(), 1e-12);
        MajorityMatrix m = p.majority();
        assertEquals(2, m.prefer(0, 2), 0);
        assertEquals(1, m.prefer(2, 0), 0);
        assertEquals(0, m.prefer(0, 1), 0);
        // symmetric Borda: a gets 2*(0.5 + 1) + 1*(0.5) = 3.5, c gets 1*2 = 2
        assertArrayEquals(new double[] {3.5, 3.5, 2}, Rule.BORDA.apply(p).scores(), 1e-12);
    }

    @Test
    void irvExploresEveryTieBreak() {
        // a and b tie for last in round one; dropping b elects c, dropping a elects ... c as well, so no tie is reported
        Profile p = ProfileFixtures.of("2: a>c>b", "2: b>c>a", "5: c>a>b");
        RuleResult r = Rule.IRV.apply(p);
        assertEquals(List.of("c"), p.labels(r.winners()));
        assertFalse(r.tieBroken());
        // here who is dropped first decides: 3 a>b, 3 b>a, 4 c: dropping b gives a 6, dropping a gives b 6
        Profile q = ProfileFixtures.of("3: a>b>c", "3: b>a>c", "4: c>a>b");
        RuleResult s = Rule.IRV.apply(q);
        assertEquals(List.of(0, 1), s.winners());
        assertTrue(s.tieBroken());
        assertEquals("a", q.items().get(s.winner()));
    }

    @Test
    void kemenyRefusesBeyondTwentyAlternatives() {
        double[][] n = new double[21][21];
        RuleRefusal e = assertThrows(RuleRefusal.class, () -> Rule.KEMENY.apply(new MajorityMatrix(n), 1));
        assertTrue(e.getMessage().contains("at most 20"), e.getMessage());
    }

    @Test
    void kemenyDistanceOnTennessee() {
        Profile p = ProfileFixtures.tennessee();
        RuleResult r = Rule.KEMENY.apply(p);
        // N>C>K>M disagrees with the 42 on three pairs (M first), the 15 on two (C>N, K>N), the 17 on three
        double expected = 42 * 3 + 15 * 2 + 17 * 3;
        assertEquals(expected, Kemeny.distance(p.majority(), r.ranking()), 1e-9);
    }
}
