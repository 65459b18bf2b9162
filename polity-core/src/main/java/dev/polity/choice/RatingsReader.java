package dev.polity.choice;

import dev.polity.input.CsvReader;
import dev.polity.input.CsvTable;
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
        try (CsvReader in = CsvReader.open(file)) {
            return read(in, cols);
        }
    }

    public static Ratings parse(String text, String file, Columns cols) {
        try (CsvReader in = CsvReader.of(file, text)) {
            return read(in, cols);
        }
    }

    private static Ratings read(CsvReader in, Columns cols) {
        CsvTable.Header h = in.header();
        int[] c = {
            find(h, cols.rater(), "rater", "rater", "user_id", "annotator", "worker_id"),
            find(h, cols.item(), "item", "item", "instance_id", "item_id"),
            find(h, cols.rating(), "rating", "rating", "value", "score", "offensiveness"),
        };
        Map<String, Integer> itemIds = new LinkedHashMap<>();
        Map<String, Integer> raterIds = new HashMap<>();
        List<String> raters = new ArrayList<>();
        List<Map<String, String>> attrs = new ArrayList<>();
        int[] raterOf = new int[1024];
        int[] itemOf = new int[1024];
        double[] value = new double[1024];
        int n = 0;
        while (in.next()) {
            CsvTable.Row f = in.row();
            double v = f.number(c[2]);
            String r = f.text(c[0]).strip();
            Integer ri = raterIds.get(r);
            if (ri == null) {
                ri = raters.size();
                raterIds.put(r, ri);
                raters.add(r);
                Map<String, String> a = new LinkedHashMap<>();
                for (int k = 0; k < h.size(); k++) {
                    if (k != c[0] && k != c[1] && k != c[2]) {
                        a.put(h.name(k), f.text(k).strip());
                    }
                }
                attrs.add(a);
            }
            if (n == raterOf.length) {
                raterOf = Arrays.copyOf(raterOf, n * 2);
                itemOf = Arrays.copyOf(itemOf, n * 2);
                value = Arrays.copyOf(value, n * 2);
            }
            raterOf[n] = ri;
            itemOf[n] = itemIds.computeIfAbsent(f.text(c[1]).strip(), k -> itemIds.size());
            value[n] = v;
            n++;
        }
        if (n == 0) {
            throw new InvalidInputException(in.file(), h.line() + 1, "no ratings after the header");
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
        int[] item = new int[n];
        for (int r = 0; r < n; r++) {
            item[r] = remap[itemOf[r]];
        }
        List<String> attrNames = new ArrayList<>();
        for (int k = 0; k < h.size(); k++) {
            if (k != c[0] && k != c[1] && k != c[2]) {
                attrNames.add(h.name(k));
            }
        }
        return new Ratings(items, raters, Arrays.copyOf(raterOf, n), item, Arrays.copyOf(value, n), attrNames, attrs,
                h.name(c[2]));
    }

    private static int find(CsvTable.Header h, String given, String role, String... names) {
        if (given != null) {
            return h.column(given, "--" + role + "-column");
        }
        int c = h.find(names);
        if (c < 0) {
            throw h.error("expected a " + role + " column (one of " + String.join(", ", names) + "); the columns are " + String.join(", ", h.names()));
        }
        return c;
    }
}
