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

    /**
     * Grouped k-fold assignment (every row of a group in one fold, as scikit-learn's GroupKFold): the
     * distinct groups, sorted, are shuffled with the seed and dealt round robin, so a whole norm is held out.
     */
    public static int[] byGroup(String[] groups, int k, long seed) {
        java.util.List<String> distinct = new java.util.ArrayList<>(new java.util.TreeSet<>(java.util.Arrays.asList(groups)));
        int[] fold = assign(distinct.size(), k, seed);
        java.util.Map<String, Integer> of = new java.util.HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            of.put(distinct.get(i), fold[i]);
        }
        int[] out = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            out[i] = of.get(groups[i]);
        }
        return out;
    }
}
