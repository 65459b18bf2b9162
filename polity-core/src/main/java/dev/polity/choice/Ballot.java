package dev.polity.choice;

import java.util.Arrays;
import java.util.Map;

/**
 * One ranked ballot (or {@code count} identical ones): {@code tiers[0]} holds the alternatives ranked
 * first (several when tied), and so on. Alternatives the voter did not rank are tied below every
 * ranked one, as PrefLib's imbued {@code .toc} files spell out.
 */
public record Ballot(int[][] tiers, double count, Map<String, String> attributes) {
    public Ballot {
        int[][] copy = new int[tiers.length][];
        for (int i = 0; i < tiers.length; i++) {
            copy[i] = tiers[i].clone();
        }
        tiers = copy;
        // in column order: the attribute names reach error messages
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    public static Ballot strict(double count, int... order) {
        int[][] t = new int[order.length][];
        for (int i = 0; i < order.length; i++) {
            t[i] = new int[] {order[i]};
        }
        return new Ballot(t, count, Map.of());
    }

    /** Position of each alternative: its tier index, or {@code tiers.length} when unranked. */
    public int[] positions(int alternatives) {
        int[] pos = new int[alternatives];
        Arrays.fill(pos, tiers.length);
        for (int t = 0; t < tiers.length; t++) {
            for (int a : tiers[t]) {
                pos[a] = t;
            }
        }
        return pos;
    }

    public int ranked() {
        int n = 0;
        for (int[] t : tiers) {
            n += t.length;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ballot b && Arrays.deepEquals(tiers, b.tiers) && count == b.count && attributes.equals(b.attributes);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(tiers) * 31 + Double.hashCode(count);
    }

    @Override
    public String toString() {
        return count + ": " + Arrays.deepToString(tiers);
    }
}
