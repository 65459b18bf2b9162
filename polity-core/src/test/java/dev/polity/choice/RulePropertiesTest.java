package dev.polity.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Axioms the rules must satisfy on random strict profiles (jqwik). */
class RulePropertiesTest {

    record Sample(int n, List<int[]> orders, List<Integer> counts, long seed) {
        Profile profile() {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(i + 1);
            }
            List<Ballot> ballots = new ArrayList<>();
            for (int k = 0; k < orders.size(); k++) {
                int[] o = orders.get(k);
                int[][] tiers = new int[o.length][];
                for (int i = 0; i < o.length; i++) {
                    tiers[i] = new int[] {o[i]};
                }
                ballots.add(new Ballot(tiers, counts.get(k), Map.of()));
            }
            return new Profile(items, ballots, "random");
        }
    }

    @Provide
    Arbitrary<Sample> profiles() {
        return Combinators.combine(Arbitraries.integers().between(2, 7), Arbitraries.integers().between(1, 12),
                Arbitraries.longs()).as((n, voters, seed) -> {
                    Random rnd = new Random(seed);
                    List<int[]> orders = new ArrayList<>();
                    List<Integer> counts = new ArrayList<>();
                    for (int v = 0; v < voters; v++) {
                        List<Integer> perm = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            perm.add(i);
                        }
                        Collections.shuffle(perm, rnd);
                        orders.add(perm.stream().mapToInt(Integer::intValue).toArray());
                        counts.add(1 + rnd.nextInt(3));
                    }
                    return new Sample(n, orders, counts, seed);
                });
    }

    @Property(tries = 200)
    void condorcetWinnerWinsCondorcetRules(@ForAll("profiles") Sample s) {
        Profile p = s.profile();
        int cw = p.majority().condorcetWinner();
        if (cw < 0) {
            return;
        }
        for (Rule r : List.of(Rule.SCHULZE, Rule.COPELAND, Rule.RANKED_PAIRS, Rule.KEMENY)) {
            RuleResult res = r.apply(p);
            assertEquals(List.of(cw), res.winners(), r.id());
            assertEquals(cw, res.winner(), r.id());
        }
        assertEquals(1.0, Rule.MAXIMAL_LOTTERIES.apply(p).lottery()[cw], 1e-9);
        assertEquals(List.of(cw), p.majority().smithSet());
    }

    @Property(tries = 200)
    void paretoDominatedAlternativesNeverWin(@ForAll("profiles") Sample s) {
        Profile p = s.profile();
        int n = p.size();
        // IRV is left out: with a fixed tie-break an alternative nobody ranks first can survive a 0-0 tie
        List<Rule> rules = List.of(Rule.PLURALITY, Rule.BORDA, Rule.COPELAND, Rule.SCHULZE, Rule.RANKED_PAIRS,
                Rule.KEMENY, Rule.MAXIMAL_LOTTERIES);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b && dominates(p, b, a)) {
                    for (Rule r : rules) {
                        RuleResult res = r.apply(p);
                        assertNotEquals(a, res.winner(), r.id() + ": " + a + " is dominated by " + b);
                        assertTrue(!res.winners().contains(a), r.id());
                    }
                }
            }
        }
    }

    @Property(tries = 100)
    void resultsDoNotDependOnBallotOrder(@ForAll("profiles") Sample s) {
        Profile p = s.profile();
        List<Ballot> shuffled = new ArrayList<>(p.ballots());
        Collections.shuffle(shuffled, new Random(s.seed() ^ 0x5DEECE66DL));
        Profile q = new Profile(p.items(), shuffled, "shuffled");
        for (Rule r : Rule.values()) {
            RuleResult x = r.apply(p);
            RuleResult y = r.apply(q);
            assertEquals(x.ranking(), y.ranking(), r.id());
            assertEquals(x.winners(), y.winners(), r.id());
            assertEquals(x.tieBroken(), y.tieBroken(), r.id());
        }
    }

    /**
     * Issue 10, defect 6: the lottery is maximal (no alternative beats it on the margins) and neutral: naming the
     * alternatives in reverse order reverses the lottery. A solver's vertex of a tied optimum passes the first and fails the second.
     */
    @Property(tries = 200)
    void defect6TheMaximalLotteryIsMaximalAndNeutral(@ForAll("profiles") Sample s) {
        Profile p = s.profile();
        int n = p.size();
        MajorityMatrix m = p.majority();
        double[] lottery = Rule.MAXIMAL_LOTTERIES.apply(p).lottery();
        assertEquals(1.0, java.util.Arrays.stream(lottery).sum(), 1e-9);
        for (int b = 0; b < n; b++) {
            double against = 0;
            for (int a = 0; a < n; a++) {
                against += lottery[a] * m.margin(a, b);
            }
            assertTrue(against >= -1e-6 * p.voters(), "alternative " + b + " beats the lottery by " + -against);
        }
        List<int[]> reversed = s.orders().stream().map(o -> java.util.Arrays.stream(o).map(a -> n - 1 - a).toArray()).toList();
        double[] mirrored = Rule.MAXIMAL_LOTTERIES.apply(new Sample(n, reversed, s.counts(), s.seed()).profile()).lottery();
        for (int a = 0; a < n; a++) {
            assertEquals(lottery[a], mirrored[n - 1 - a], 1e-6, "alternative " + a);
        }
    }

    @Property(tries = 150)
    void kemenyHasTheMinimumTotalKendallDistance(@ForAll("profiles") Sample s) {
        Profile p = s.profile();
        MajorityMatrix m = p.majority();
        RuleResult res = Rule.KEMENY.apply(p);
        double best = Double.POSITIVE_INFINITY;
        for (List<Integer> perm : permutations(p.size())) {
            best = Math.min(best, Kemeny.distance(m, perm));
        }
        assertEquals(best, Kemeny.distance(m, res.ranking()), 1e-9);
    }

    private static boolean dominates(Profile p, int b, int a) {
        for (Ballot ballot : p.ballots()) {
            int[] pos = ballot.positions(p.size());
            if (pos[b] >= pos[a]) {
                return false;
            }
        }
        return true;
    }

    static List<List<Integer>> permutations(int n) {
        List<List<Integer>> out = new ArrayList<>();
        permute(new ArrayList<>(), new boolean[n], n, out);
        return out;
    }

    private static void permute(List<Integer> prefix, boolean[] used, int n, List<List<Integer>> out) {
        if (prefix.size() == n) {
            out.add(new ArrayList<>(prefix));
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!used[i]) {
                used[i] = true;
                prefix.add(i);
                permute(prefix, used, n, out);
                prefix.remove(prefix.size() - 1);
                used[i] = false;
            }
        }
    }
}
