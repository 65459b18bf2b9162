package dev.polity.judge.learn;

import java.util.Random;

/** Deterministic k-fold assignment: a seeded shuffle, then round robin, so fold sizes differ by at most one. */
public final class Folds {
    private Folds() {
    }

    public static int[] assign(int n, int k, long seed) {
        int[] order = shuffled(n, seed);
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % k;
        }
        return fold;
    }

    /** 0..n-1 in a seeded order (Fisher-Yates, Durstenfeld's version, with {@link Random}). */
    public static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
