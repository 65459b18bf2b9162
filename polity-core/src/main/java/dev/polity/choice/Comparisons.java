package dev.polity.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairwise comparisons, one per row: {@code winner[r]} beat {@code loser[r]} (or tied with it when
 * {@code tie[r]}), with a weight, and the rater's attributes stored as codes per attribute column.
 */
public record Comparisons(List<Object> items, int[] winner, int[] loser, double[] weight, boolean[] tie,
                          List<String> attributeNames, int[][] attributeCodes, List<List<String>> attributeValues) {

    public static Comparisons of(List<Object> items, int[] winner, int[] loser) {
        double[] w = new double[winner.length];
        Arrays.fill(w, 1.0);
        return new Comparisons(items, winner, loser, w, new boolean[winner.length], List.of(), new int[0][], List.of());
    }

    public int size() {
        return winner.length;
    }

    public int itemCount() {
        return items.size();
    }

    /** The sufficient statistics of a Bradley-Terry model (a tie counts half a win each way). */
    public PairCounts counts() {
        return PairCounts.of(items.size(), winner, loser, weight, tie, null);
    }

    /** The comparisons of each group, keyed by the group label (attribute values joined by " & "). */
    public Map<String, PairCounts> groupCounts(List<String> attributes) {
        int[] cols = new int[attributes.size()];
        for (int k = 0; k < cols.length; k++) {
            cols[k] = attributeNames.indexOf(attributes.get(k));
            if (cols[k] < 0) {
                throw new IllegalArgumentException("no attribute " + attributes.get(k));
            }
        }
        Map<String, Integer> groupOf = new LinkedHashMap<>();
        int[] code = new int[size()];
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < size(); r++) {
            int row = r;
            String label = Groups.label(attributes, a -> {
                int c = cols[attributes.indexOf(a)];
                return attributeValues.get(c).get(attributeCodes[c][row]);
            });
            Integer g = groupOf.get(label);
            if (g == null) {
                g = labels.size();
                groupOf.put(label, g);
                labels.add(label);
            }
            code[r] = g;
        }
        Map<String, PairCounts> out = new LinkedHashMap<>();
        for (int g = 0; g < labels.size(); g++) {
            boolean[] keep = new boolean[size()];
            for (int r = 0; r < size(); r++) {
                keep[r] = code[r] == g;
            }
            out.put(labels.get(g), PairCounts.of(items.size(), winner, loser, weight, tie, keep));
        }
        return out;
    }

    /** How many distinct raters (or rows, without a rater column) each group has: for proportional weights. */
    public Map<String, Double> groupSizes(List<String> attributes) {
        Map<String, Double> sizes = new LinkedHashMap<>();
        int raterCol = attributeNames.indexOf("rater");
        Map<String, java.util.Set<Integer>> raters = new LinkedHashMap<>();
        for (int r = 0; r < size(); r++) {
            int row = r;
            String label = Groups.label(attributes, a -> {
                int c = attributeNames.indexOf(a);
                return attributeValues.get(c).get(attributeCodes[c][row]);
            });
            if (raterCol >= 0) {
                raters.computeIfAbsent(label, k -> new java.util.HashSet<>()).add(attributeCodes[raterCol][r]);
            } else {
                sizes.merge(label, 1.0, Double::sum);
            }
        }
        raters.forEach((k, v) -> sizes.put(k, (double) v.size()));
        return sizes;
    }
}
