package dev.polity.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bradley-Terry sufficient statistics: for each unordered pair {i, j} (i &lt; j) that was compared,
 * the weight of i's wins over j and of j's wins over i. A tie adds half to each side. A million
 * comparisons shrink to at most n(n-1)/2 pairs, which is what makes the fits fast.
 */
public record PairCounts(int items, int[] first, int[] second, double[] firstWins, double[] secondWins) {

    public int pairs() {
        return first.length;
    }

    public double total() {
        double t = 0;
        for (int p = 0; p < first.length; p++) {
            t += firstWins[p] + secondWins[p];
        }
        return t;
    }

    /** Wins of each item (ties counted as halves). */
    public double[] wins() {
        double[] w = new double[items];
        for (int p = 0; p < first.length; p++) {
            w[first[p]] += firstWins[p];
            w[second[p]] += secondWins[p];
        }
        return w;
    }

    /** Bradley-Terry counts from a majority matrix: every pair some voter ranked, with the weight preferring each side. */
    public static PairCounts of(MajorityMatrix m) {
        int n = m.size();
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (m.prefer(a, b) + m.prefer(b, a) > 0) {
                    pairs.add(new int[] {a, b});
                }
            }
        }
        int[] f = new int[pairs.size()];
        int[] s = new int[pairs.size()];
        double[] fw = new double[pairs.size()];
        double[] sw = new double[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            f[k] = pairs.get(k)[0];
            s[k] = pairs.get(k)[1];
            fw[k] = m.prefer(f[k], s[k]);
            sw[k] = m.prefer(s[k], f[k]);
        }
        return new PairCounts(n, f, s, fw, sw);
    }

    static PairCounts of(int n, int[] winner, int[] loser, double[] weight, boolean[] tie, boolean[] keep) {
        int rows = winner.length;
        long[] keys = new long[rows];
        int m = 0;
        for (int r = 0; r < rows; r++) {
            if (keep != null && !keep[r]) {
                continue;
            }
            int a = winner[r];
            int b = loser[r];
            if (a == b) {
                continue;
            }
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            keys[m++] = ((long) lo * n + hi) << 1 | (a == lo ? 0 : 1);
        }
        boolean unitWeights = true;
        for (int r = 0; r < rows && unitWeights; r++) {
            unitWeights = weight[r] == 1.0 && !tie[r];
        }
        if (unitWeights && (long) n * n <= 16_000_000L) {
            return dense(n, winner, loser, keep);
        }
        if (unitWeights) {
            long[] k = Arrays.copyOf(keys, m);
            Arrays.sort(k);
            return fromSortedKeys(n, k);
        }
        return weighted(n, winner, loser, weight, tie, keep);
    }

    /** Counting into an n x n table is the fastest way when it fits in memory. */
    private static PairCounts dense(int n, int[] winner, int[] loser, boolean[] keep) {
        int[] table = new int[n * n];
        for (int r = 0; r < winner.length; r++) {
            if ((keep == null || keep[r]) && winner[r] != loser[r]) {
                table[winner[r] * n + loser[r]]++;
            }
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (table[i * n + j] + table[j * n + i] > 0) {
                    m++;
                }
            }
        }
        int[] first = new int[m];
        int[] second = new int[m];
        double[] fw = new double[m];
        double[] sw = new double[m];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int a = table[i * n + j];
                int b = table[j * n + i];
                if (a + b > 0) {
                    first[p] = i;
                    second[p] = j;
                    fw[p] = a;
                    sw[p++] = b;
                }
            }
        }
        return new PairCounts(n, first, second, fw, sw);
    }

    private static PairCounts fromSortedKeys(int n, long[] keys) {
        int distinct = 0;
        long prevPair = -1;
        for (long k : keys) {
            long pair = k >>> 1;
            if (pair != prevPair) {
                distinct++;
                prevPair = pair;
            }
        }
        int[] first = new int[distinct];
        int[] second = new int[distinct];
        double[] fw = new double[distinct];
        double[] sw = new double[distinct];
        int p = -1;
        prevPair = -1;
        for (long k : keys) {
            long pair = k >>> 1;
            if (pair != prevPair) {
                p++;
                prevPair = pair;
                first[p] = (int) (pair / n);
                second[p] = (int) (pair % n);
            }
            if ((k & 1) == 0) {
                fw[p] += 1;
            } else {
                sw[p] += 1;
            }
        }
        return new PairCounts(n, first, second, fw, sw);
    }

    private static PairCounts weighted(int n, int[] winner, int[] loser, double[] weight, boolean[] tie, boolean[] keep) {
        java.util.HashMap<Long, double[]> acc = new java.util.HashMap<>();
        for (int r = 0; r < winner.length; r++) {
            if ((keep != null && !keep[r]) || winner[r] == loser[r]) {
                continue;
            }
            int lo = Math.min(winner[r], loser[r]);
            int hi = Math.max(winner[r], loser[r]);
            double[] cell = acc.computeIfAbsent((long) lo * n + hi, k -> new double[2]);
            if (tie[r]) {
                cell[0] += weight[r] / 2;
                cell[1] += weight[r] / 2;
            } else if (winner[r] == lo) {
                cell[0] += weight[r];
            } else {
                cell[1] += weight[r];
            }
        }
        long[] pairs = acc.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int[] first = new int[pairs.length];
        int[] second = new int[pairs.length];
        double[] fw = new double[pairs.length];
        double[] sw = new double[pairs.length];
        for (int p = 0; p < pairs.length; p++) {
            first[p] = (int) (pairs[p] / n);
            second[p] = (int) (pairs[p] % n);
            double[] c = acc.get(pairs[p]);
            fw[p] = c[0];
            sw[p] = c[1];
        }
        return new PairCounts(n, first, second, fw, sw);
    }
}
