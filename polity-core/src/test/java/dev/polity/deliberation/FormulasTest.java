package dev.polity.deliberation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The formulas on matrices small enough to work out by hand (the working is in the comments). */
class FormulasTest {
    static final byte M = Byte.MIN_VALUE;

    @Test
    void pcaAndProjectionScaling() {
        // Votes p0 = [1, 1], p1 = [-1, -1], p2 = [1, missing]. Column means 1/3 and 0; after imputation and
        // centring: p0 = [2/3, 1], p1 = [-4/3, -1], p2 = [2/3, 0]. X'X = [[8/3, 2], [2, 2]], largest
        // eigenvalue (14 + sqrt 148) / 6 = 4.36092, eigenvector (1, 0.847129) / 1.310566 = (0.763020, 0.646375).
        VoteMatrix m = VoteMatrix.dense(new byte[][] {{1, 1}, {-1, -1}, {1, M}}, 2);
        Pca pca = Pca.of(m, new int[] {0, 1});
        assertArrayEquals(new double[] {1 / 3.0, 0}, pca.center(), 1e-12);
        assertEquals(0.7630199824727257, pca.pc1()[0], 1e-8);
        assertEquals(0.6463748961301957, pca.pc1()[1], 1e-8);
        double[][] xy = pca.project(m);
        // p0 voted on both: no scaling; 2/3 * 0.763020 + 1 * 0.646375.
        assertEquals(1.155054884445346, xy[0][0], 1e-8);
        assertEquals(-1.6637348727604966, xy[1][0], 1e-8);
        // p2 voted on one of two: (2/3 * 0.763020) * sqrt(2 / 1).
        assertEquals(0.7193821383830734, xy[2][0], 1e-8);
        // pc2 is the other eigenvector, orthogonal to pc1.
        assertEquals(0, pca.pc1()[0] * pca.pc2()[0] + pca.pc1()[1] * pca.pc2()[1], 1e-9);
    }

    @Test
    void repnessAsPolisComputesIt() {
        // One statement, two groups of ten: group 0 agrees 8, disagrees 1; group 1 agrees 2, disagrees 7.
        GroupVotes v = new GroupVotes(new int[][] {{8, 2}}, new int[][] {{1, 7}}, new int[][] {{10, 10}});
        Repness r = Repness.of(v, 0, 0);
        assertEquals(9 / 12.0, r.pa(), 1e-12);             // (8 + 1) / (10 + 2)
        assertEquals(2 / 12.0, r.pd(), 1e-12);             // (1 + 1) / (10 + 2)
        assertEquals(3.0, r.ra(), 1e-12);                  // 0.75 / ((2 + 1) / (10 + 2))
        assertEquals(2.1105794120443457, r.pat(), 1e-12);  // 2 sqrt(11) (9/11 - 1/2)
        assertEquals(2.5690465157330262, r.rat(), 1e-12);  // (9/11 - 3/11) / sqrt(12/22 * 10/22 * 2/11)
        assertTrue(r.forAgree());
        assertTrue(r.significant());
        Repness other = Repness.of(v, 0, 1);
        assertEquals(-2.5690465157330253, other.rat(), 1e-12);
        assertFalse(other.forAgree());
        assertTrue(other.significant(), "group 1 disagrees distinctively");
        // Polis's own test case (stats_test.clj): two-prop-test 15 56 24 71 is about -1.51.
        assertEquals(-1.5140674074014173, Repness.twoProportionZ(15, 56, 24, 71), 1e-12);
    }

    @Test
    void topRepnessTakesPassingStatementsAgreesFirst() {
        GroupVotes v = new GroupVotes(new int[][] {{8, 2}, {1, 9}, {5, 5}}, new int[][] {{1, 7}, {8, 0}, {5, 5}},
                new int[][] {{10, 10}, {10, 10}, {10, 10}});
        List<Repness> top = Repness.top(List.of(Repness.of(v, 0, 0), Repness.of(v, 1, 0), Repness.of(v, 2, 0)), 5);
        assertEquals(List.of(0, 1), top.stream().map(Repness::statement).toList());
        assertTrue(top.get(0).forAgree());
        assertFalse(top.get(1).forAgree());
    }

    @Test
    void bestAgreeComesFirstAndStandsInWhenNothingPasses() {
        // Group 0 vs group 1, ten votes each. s0: 9 / 9 agree in both: pa = 10/12, pat = 2 sqrt(11) (10/11 - 1/2)
        // = 2.7136 (significant) but ra = 1 and rat = 0, so it does not pass. s1: group 0 agrees 5, disagrees 3,
        // group 1 agrees 2, disagrees 6: rat = (6/11 - 3/11) / sqrt(9/22 13/22 2/11) = 1.3009 > 1.2816 but
        // pat = 2 sqrt(11) (6/11 - 1/2) = 0.3015, so it does not pass either. The largest test value is s1's, but
        // Polis shows the best-agree statement: s0 qualifies first (pat significant) and s1 does not beat its
        // pa pat (0.5 x 0.3015 < 0.8333 x 2.7136).
        GroupVotes v = new GroupVotes(new int[][] {{9, 9}, {5, 2}}, new int[][] {{0, 0}, {3, 6}}, new int[][] {{10, 10}, {10, 10}});
        Repness s0 = Repness.of(v, 0, 0);
        Repness s1 = Repness.of(v, 1, 0);
        assertEquals(2.7136021011998728, s0.pat(), 1e-9);
        assertEquals(1.3009, s1.rat(), 1e-4);
        assertFalse(s0.significant());
        assertFalse(s1.significant());
        assertEquals(List.of(0), Repness.top(List.of(s0, s1), 5).stream().map(Repness::statement).toList());
        assertEquals(0, Repness.bestAgree(List.of(s0, s1)).orElseThrow().statement());
        // With a passing agree statement s2 (8 vs 2 of 10, metric 12.2) after s0, s0 is still put first: s0's
        // ra is not above 1, so s2 competes on pa pat (0.75 x 2.1106 = 1.58 < 2.26) and loses.
        GroupVotes w = new GroupVotes(new int[][] {{9, 9}, {5, 2}, {8, 2}}, new int[][] {{0, 0}, {3, 6}, {1, 7}},
                new int[][] {{10, 10}, {10, 10}, {10, 10}});
        List<Repness> top = Repness.top(List.of(Repness.of(w, 0, 0), Repness.of(w, 1, 0), Repness.of(w, 2, 0)), 5);
        assertEquals(List.of(2, 0), top.stream().map(Repness::statement).toList(), "agrees before disagrees: s0 is rat = rdt = 0");
        // Without any statement that looks agreed with, the fallback is the largest test value.
        GroupVotes x = new GroupVotes(new int[][] {{1, 1}, {5, 2}}, new int[][] {{8, 8}, {3, 6}}, new int[][] {{10, 10}, {10, 10}});
        assertEquals(List.of(1), Repness.top(List.of(Repness.of(x, 0, 0), Repness.of(x, 1, 0)), 5).stream().map(Repness::statement).toList());
    }

    @Test
    void answerGroupsSplitParticipantsByTheirAnswerToAMetaQuestion() {
        // Statement 0 is "I am over 40": p0, p1 agree, p2 disagrees, p3 passes, p4 did not answer.
        VoteMatrix m = VoteMatrix.dense(new byte[][] {{1, 1}, {1, -1}, {-1, 1}, {0, 0}, {M, 1}}, 2);
        List<Statement> statements = List.of(new Statement("0", "I am over 40", "", 1, true, null), new Statement("1", "s", "", 1, false, null));
        Conversation c = new Conversation("t", statements, List.of("a", "b", "c", "d", "e"), m, java.util.Map.of(), List.of());
        List<AnswerGroups> groups = AnswerGroups.of(c);
        assertEquals(1, groups.size());
        AnswerGroups a = groups.get(0);
        assertArrayEquals(new int[] {2, 1, 1}, a.size());
        assertEquals(0.5, a.agreeRate(1, 0), 1e-12);   // over 40: one agree of two votes
        assertEquals(1.0, a.agreeRate(1, 1), 1e-12);
        assertEquals(0.0, a.agreeRate(1, 2), 1e-12);   // the pass counts as a vote
    }

    @Test
    void groupInformedConsensus() {
        // Group 0: 3 agree of 4 seen, group 1: 1 of 2: (3 + 1) / (4 + 2) * (1 + 1) / (2 + 2) = 1/3.
        GroupVotes v = new GroupVotes(new int[][] {{3, 1}}, new int[][] {{0, 1}}, new int[][] {{4, 2}});
        assertEquals(1 / 3.0, v.consensus(0), 1e-12);
        assertEquals(1, v.pass(0, 0));
    }

    @Test
    void groupVotesCountPassesAsSeen() {
        VoteMatrix m = VoteMatrix.dense(new byte[][] {{1, 0}, {-1, M}, {0, 1}}, 2);
        GroupVotes v = GroupVotes.of(m, new int[] {0, 0, 1}, 2);
        assertArrayEquals(new int[] {1, 0}, v.agree()[0]);
        assertArrayEquals(new int[] {1, 0}, v.disagree()[0]);
        assertArrayEquals(new int[] {2, 1}, v.seen()[0]);
        assertArrayEquals(new int[] {1, 1}, v.seen()[1]);
        assertEquals(1, v.pass(1, 0));
    }

    @Test
    void latestVoteWins() {
        VoteMatrix m = VoteMatrix.of(1, 1, new int[] {0, 0, 0}, new int[] {0, 0, 0}, new byte[] {1, -1, 0}, new long[] {5, 9, 7});
        assertEquals(-1, m.vote(0, 0));
        assertEquals(1, m.size());
    }

    @Test
    void adjustedRandIndex() {
        // Contingency {0:[2,1,0], 1:[0,1,2]}: index 2, row pairs 6, column pairs 3, expected 6*3/15 = 1.2,
        // max 4.5: (2 - 1.2) / (4.5 - 1.2) = 0.242424.
        assertEquals(0.24242424242424246, Partitions.adjustedRand(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2}), 1e-12);
        assertEquals(1.0, Partitions.adjustedRand(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}), 1e-12);
    }

    @Test
    void silhouetteOfTwoPairs() {
        // Points 0 and 1 at x = 0 and 1, points 2 and 3 at x = 10 and 11: for point 0, a = 1, b = 10.5,
        // s = 9.5 / 10.5; for point 1, a = 1, b = 9.5, s = 8.5 / 9.5; symmetric for the other pair.
        double[][] p = {{0, 0}, {1, 0}, {10, 0}, {11, 0}};
        double expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
        assertEquals(expected, Partitions.silhouette(p, new int[] {0, 0, 1, 1}), 1e-12);
        assertEquals(expected, Partitions.weightedSilhouette(p, new double[] {1, 1, 1, 1}, new int[] {0, 0, 1, 1}), 1e-12);
    }

    @Test
    void kmeansFindsTheObviousGroupsWithCanonicalLabels() {
        double[][] p = {{0, 0}, {0.1, 0}, {0, 0.1}, {5, 5}, {5.1, 5}};
        KMeans.Result r = KMeans.fit(p, new double[] {1, 1, 1, 1, 1}, 2, 5, 42);
        assertArrayEquals(new int[] {0, 0, 0, 1, 1}, r.labels(), "largest group is 0");
    }

    @Test
    void spearmanWithTies() {
        assertEquals(1.0, dev.polity.stats.RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {10, 20, 30}), 1e-12);
        assertEquals(-1.0, dev.polity.stats.RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        assertArrayEquals(new double[] {1.5, 1.5, 3}, dev.polity.stats.RankCorrelation.ranks(new double[] {5, 5, 7}), 1e-12);
    }
}
