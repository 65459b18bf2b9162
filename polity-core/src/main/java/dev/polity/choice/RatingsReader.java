package dev.polity.choice;

import dev.polity.input.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ratings in long form: one row per (rater, item, rating) plus rater-attribute columns. The columns are
 * found by name ({@code rater|user_id|annotator}, {@code item|instance_id|item_id},
 * {@code rating|value|score|offensiveness}) unless given; every other column is a rater attribute.
 */
public final class RatingsReader {
    /** Column names; null means find by the usual names. */
    public record Columns(String rater, String item, String rating) {
        public static final Columns AUTO = new Columns(null, null, null);
    }

    private RatingsReader() {
    }

    public static Ratings read(Path file, Columns cols) {
        return parse(CsvTable.read(file), file.toString(), cols);
    }

    public static Ratings parse(String text, String file, Columns cols) {
        String[][] header = new String[1][];
        int[] c = new int[3];
        Map<String, Integer> itemIds = new LinkedHashMap<>();
        Map<String, Integer> raterIds = new HashMap<>();
        List<String> raters = new ArrayList<>();
        List<Map<String, String>> attrs = new ArrayList<>();
        int[][] rows = {new int[1024], new int[1024]};
        double[][] vals = {new double[1024]};
        int[] count = {0};
        CsvTable.parse(text, file, (f, line) -> {
            if (header[0] == null) {
                header[0] = f;
                c[0] = find(f, cols.rater(), file, "rater", "rater", "user_id", "annotator", "worker_id");
                c[1] = find(f, cols.item(), file, "item", "item", "instance_id", "item_id");
                c[2] = find(f, cols.rating(), file, "rating", "rating", "value", "score", "offensiveness");
                return;
            }
            if (f.length != header[0].length) {
                throw new InvalidInputException(file, line, "expected " + header[0].length + " fields like the header, got " + f.length);
            }
            double v;
            try {
                v = Double.parseDouble(f[c[2]].strip());
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!Double.isFinite(v)) {
                throw new InvalidInputException(file, line, "column '" + header[0][c[2]] + "': expected a number, got '" + f[c[2]] + "'");
            }
            String r = f[c[0]].strip();
            Integer ri = raterIds.get(r);
            if (ri == null) {
                ri = raters.size();
                raterIds.put(r, ri);
                raters.add(r);
                Map<String, String> a = new LinkedHashMap<>();
                for (int k = 0; k < f.length; k++) {
                    if (k != c[0] && k != c[1] && k != c[2]) {
                        a.put(header[0][k].strip(), f[k].strip());
                    }
                }
                attrs.add(a);
            }
            int n = count[0];
            if (n == rows[0].length) {
                rows[0] = Arrays.copyOf(rows[0], n * 2);
                rows[1] = Arrays.copyOf(rows[1], n * 2);
                vals[0] = Arrays.copyOf(vals[0], n * 2);
            }
            rows[0][n] = ri;
            rows[1][n] = itemIds.computeIfAbsent(f[c[1]].strip(), k -> itemIds.size());
            vals[0][n] = v;
            count[0]++;
        });
        if (count[0] == 0) {
            throw new InvalidInputException(file, 2, "no ratings after the header");
        }
        List<String> names = new ArrayList<>(itemIds.keySet());
        List<Object> items = new ArrayList<>();
        int[] remap = new int[names.size()];
        boolean numeric = names.stream().allMatch(s -> s.matches("-?(0|[1-9][0-9]{0,8})"));
        if (numeric) {
            Integer[] order = new Integer[names.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(Integer.parseInt(names.get(a)), Integer.parseInt(names.get(b))));
            for (int pos = 0; pos < order.length; pos++) {
                remap[order[pos]] = pos;
                items.add(Integer.parseInt(names.get(order[pos])));
            }
        } else {
            for (int i = 0; i < remap.length; i++) {
                remap[i] = i;
            }
            items.addAll(names);
        }
        int n = count[0];
        int[] item = new int[n];
        for (int r = 0; r < n; r++) {
            item[r] = remap[rows[1][r]];
        }
        List<String> attrNames = new ArrayList<>();
        for (int k = 0; k < header[0].length; k++) {
            if (k != c[0] && k != c[1] && k != c[2]) {
                attrNames.add(header[0][k].strip());
            }
        }
        return new Ratings(items, raters, Arrays.copyOf(rows[0], n), item, Arrays.copyOf(vals[0], n), attrNames, attrs,
                header[0][c[2]].strip());
    }

    private static int find(String[] header, String given, String file, String role, String... names) {
        int c = given != null ? CsvTable.column(header, given) : CsvTable.column(header, names);
        if (c < 0) {
            throw new InvalidInputException(file, 1, given != null
                    ? "no column '" + given + "' for the " + role + "; columns are " + String.join(",", header)
                    : "expected a " + role + " column (one of " + String.join(", ", names) + "); columns are " + String.join(",", header));
        }
        return c;
    }
}
