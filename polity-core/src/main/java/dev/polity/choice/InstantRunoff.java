package dev.polity.choice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instant runoff (Hare, 1859): repeatedly eliminate the alternative with the fewest first preferences
 * among those still standing, until one is left. A ballot counts for its highest-ranked standing
 * alternative (split equally when that place is a tie) and is exhausted when none is standing.
 * The ranking is the winner, then the others in reverse order of elimination. When several alternatives
 * have equally few votes, the one latest in item order goes first. {@code winners} lists every
 * alternative that wins under some way of breaking those ties (parallel-universe tie-breaking,
 * Conitzer, Rognlie and Xia, 2009, sec. 2), explored exhaustively up to 20 alternatives.
 */
final class InstantRunoff {
    private static final int MAX_STATES = 200_000;

    private InstantRunoff() {
    }

    static RuleResult apply(Profile p) {
        int n = p.size();
        if (n > 64) {
            throw new RuleRefusal("irv: at most 64 alternatives are supported; this profile has " + n);
        }
        long all = n == 64 ? -1L : (1L << n) - 1;
        List<Integer> eliminated = new ArrayList<>();
        long standing = all;
        boolean anyTie = false;
        double[] firstRound = null;
        while (Long.bitCount(standing) > 1) {
            double[] t = tally(p, standing);
            if (firstRound == null) {
                firstRound = t;
            }
            List<Integer> lowest = lowest(t, standing);
            anyTie |= lowest.size() > 1;
            int out = lowest.get(lowest.size() - 1);
            eliminated.add(out);
            standing &= ~(1L << out);
        }
        List<Integer> ranking = new ArrayList<>();
        ranking.add(Long.numberOfTrailingZeros(standing));
        Collections.reverse(eliminated);
        ranking.addAll(eliminated);
        List<Integer> winners;
        String note = null;
        if (!anyTie) {
            winners = List.of(ranking.get(0));
        } else if (n <= 20) {
            Map<Long, Long> memo = new HashMap<>();
            long mask = possibleWinners(p, all, memo);
            if (mask == 0) {
                winners = List.of(ranking.get(0));
                note = "too many tie branches to explore; winner by the item-order tie-break";
            } else {
                winners = new ArrayList<>();
                for (int a = 0; a < n; a++) {
                    if ((mask >> a & 1) == 1) {
                        winners.add(a);
                    }
                }
            }
        } else {
            winners = List.of(ranking.get(0));
            note = "eliminations were tied; winner by the item-order tie-break";
        }
        boolean tieBroken = winners.size() > 1 || note != null;
        return new RuleResult(Rule.IRV, ranking, winners, tieBroken, firstRound == null ? new double[n] : firstRound, null, note);
    }

    /** Bit mask of alternatives that can win from this standing set, or 0 when the search gives up. */
    private static long possibleWinners(Profile p, long standing, Map<Long, Long> memo) {
        if (Long.bitCount(standing) == 1) {
            return standing;
        }
        Long known = memo.get(standing);
        if (known != null) {
            return known;
        }
        if (memo.size() > MAX_STATES) {
            return 0;
        }
        long mask = 0;
        for (int out : lowest(tally(p, standing), standing)) {
            long sub = possibleWinners(p, standing & ~(1L << out), memo);
            if (sub == 0) {
                return 0;
            }
            mask |= sub;
        }
        memo.put(standing, mask);
        return mask;
    }

    static double[] tally(Profile p, long standing) {
        double[] t = new double[p.size()];
        for (Ballot b : p.ballots()) {
            for (int[] tier : b.tiers()) {
                int live = 0;
                for (int a : tier) {
                    if ((standing >> a & 1) == 1) {
                        live++;
                    }
                }
                if (live > 0) {
                    for (int a : tier) {
                        if ((standing >> a & 1) == 1) {
                            t[a] += b.count() / live;
                        }
                    }
                    break;
                }
            }
        }
        return t;
    }

    private static List<Integer> lowest(double[] t, long standing) {
        double min = Double.POSITIVE_INFINITY;
        for (int a = 0; a < t.length; a++) {
            if ((standing >> a & 1) == 1 && t[a] < min) {
                min = t[a];
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int a = 0; a < t.length; a++) {
            if ((standing >> a & 1) == 1 && ScoringRules.same(t[a], min)) {
                out.add(a);
            }
        }
        return out;
    }
}
