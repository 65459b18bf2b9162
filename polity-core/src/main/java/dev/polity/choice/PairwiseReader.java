package dev.polity.choice;

import dev.polity.input.CsvReader;
import dev.polity.input.CsvTable;
import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pairwise comparisons from a CSV with header {@code winner,loser} and optional {@code rater},
 * {@code weight}, {@code tie} and rater-attribute columns. Item ids are kept as written: when every id is
 * a whole number they are reported as integers in ascending order, otherwise as strings in order of first
 * appearance.
 */
public final class PairwiseReader {
    /** What {@link CsvReader#wholeNumber} gives for an id that is not a plain whole number. */
    private static final long TEXT = Long.MIN_VALUE;

    private PairwiseReader() {
    }

    public static Comparisons read(Path file) {
        try (CsvReader in = CsvReader.open(file)) {
            return read(in, expectedRows(file));
        }
    }

    public static Comparisons parse(String text, String file) {
        try (CsvReader in = CsvReader.of(file, text)) {
            return read(in, 1024);
        }
    }

    /** About as many rows as a file of short {@code winner,loser} rows holds, so the columns rarely need to grow. */
    private static int expectedRows(Path file) {
        try {
            return (int) Math.max(1024, Math.min(Files.size(file) / 7, 1 << 28));
        } catch (IOException e) {
            return 1024;
        }
    }

    /**
     * One pass over the rows. While every id is a whole number in int range, the ids are taken straight from
     * the reader's bytes (the large case: millions of {@code winner,loser} rows of numbers); the first other
     * id turns the ids read so far into strings, and the rest are read as text.
     */
    static Comparisons read(CsvReader in, int expectedRows) {
        CsvTable.Header h = in.header();
        int wc = h.find("winner");
        int lc = h.find("loser");
        if (wc < 0 || lc < 0) {
            throw h.error("expected a header with columns 'winner,loser' (optional: rater,weight,tie,attributes...)");
        }
        int weightC = h.find("weight");
        int tieC = h.find("tie");
        int raterC = h.find("rater");
        List<Integer> attrCols = new ArrayList<>();
        List<String> attrNames = new ArrayList<>();
        for (int c = 0; c < h.size(); c++) {
            if (c != wc && c != lc && c != weightC && c != tieC) {
                attrCols.add(c);
                attrNames.add(c == raterC ? "rater" : h.name(c));
            }
        }
        boolean plain = attrCols.isEmpty() && weightC < 0 && tieC < 0;
        List<Map<String, Integer>> attrIds = new ArrayList<>();
        List<List<String>> attrValues = new ArrayList<>();
        for (int k = 0; k < attrCols.size(); k++) {
            attrIds.add(new HashMap<>());
            attrValues.add(new ArrayList<>());
        }
        Pairs pairs = new Pairs(plain, attrCols.size(), expectedRows);
        Map<String, Integer> ids = null;
        List<String> names = null;
        boolean more = plain ? numericRows(in, wc, lc, pairs) : in.next();
        for (; more; more = in.next()) {
            pairs.room();
            int n = pairs.n;
            long a = ids == null ? in.wholeNumber(wc, TEXT) : TEXT;
            long b = a == (int) a ? in.wholeNumber(lc, TEXT) : TEXT;
            if (a == (int) a && b == (int) b) {
                if (a == b) {
                    throw new InvalidInputException(in.file(), in.line(), "an item cannot be compared with itself ('" + a + "')");
                }
                pairs.w[n] = (int) a;
                pairs.l[n] = (int) b;
            } else {
                if (ids == null) {
                    ids = new HashMap<>();
                    names = new ArrayList<>();
                    for (int r = 0; r < n; r++) {
                        pairs.w[r] = id(ids, names, Integer.toString(pairs.w[r]));
                        pairs.l[r] = id(ids, names, Integer.toString(pairs.l[r]));
                    }
                }
                String x = in.text(wc).strip();
                String y = in.text(lc).strip();
                if (x.isEmpty() || y.isEmpty()) {
                    throw new InvalidInputException(in.file(), in.line(), "expected an item id in both 'winner' and 'loser'");
                }
                if (x.equals(y)) {
                    throw new InvalidInputException(in.file(), in.line(), "an item cannot be compared with itself ('" + x + "')");
                }
                pairs.w[n] = id(ids, names, x);
                pairs.l[n] = id(ids, names, y);
            }
            if (!plain) {
                CsvTable.Row row = in.row();
                pairs.weight[n] = weightC < 0 || row.isBlank(weightC) ? 1.0 : row.positiveNumber(weightC);
                pairs.tie[n] = tieC >= 0 && isTie(row, tieC);
                for (int k = 0; k < attrCols.size(); k++) {
                    String v = row.text(attrCols.get(k)).strip();
                    Integer code = attrIds.get(k).get(v);
                    if (code == null) {
                        code = attrIds.get(k).size();
                        attrIds.get(k).put(v, code);
                        attrValues.get(k).add(v);
                    }
                    pairs.attrCodes[k][n] = code;
                }
            }
            pairs.n++;
        }
        int n = pairs.n;
        if (n == 0) {
            throw new InvalidInputException(in.file(), h.line() + 1, "no comparisons: expected a header 'winner,loser' and at least one row");
        }
        List<Object> items = new ArrayList<>();
        int[] winner = new int[n];
        int[] loser = new int[n];
        if (ids == null) {
            numbered(pairs.w, pairs.l, n, items, winner, loser);
        } else {
            int[] remap = byNumber(names, items);
            for (int r = 0; r < n; r++) {
                winner[r] = remap[pairs.w[r]];
                loser[r] = remap[pairs.l[r]];
            }
        }
        if (plain) {
            return Comparisons.of(items, winner, loser);
        }
        int[][] codes = new int[attrCols.size()][];
        for (int k = 0; k < codes.length; k++) {
            codes[k] = Arrays.copyOf(pairs.attrCodes[k], n);
        }
        return new Comparisons(items, winner, loser, Arrays.copyOf(pairs.weight, n), Arrays.copyOf(pairs.tie, n),
                List.copyOf(attrNames), codes, attrValues.stream().map(List::copyOf).toList());
    }

    /**
     * The large case, a two-column file of whole-number ids, in a loop small enough for the JIT to compile
     * (with the reader inlined) early in the file. Returns false at the end of the file, true when the reader
     * holds a row with another id, which the caller then reads.
     */
    private static boolean numericRows(CsvReader in, int wc, int lc, Pairs pairs) {
        while (in.next()) {
            long a = in.wholeNumber(wc, TEXT);
            long b = in.wholeNumber(lc, TEXT);
            if (a != (int) a || b != (int) b) {
                return true;
            }
            if (a == b) {
                throw new InvalidInputException(in.file(), in.line(), "an item cannot be compared with itself ('" + a + "')");
            }
            pairs.room();
            pairs.w[pairs.n] = (int) a;
            pairs.l[pairs.n++] = (int) b;
        }
        return false;
    }

    /** The columns read so far, grown as rows come. */
    private static final class Pairs {
        int[] w;
        int[] l;
        double[] weight;
        boolean[] tie;
        int[][] attrCodes;
        int n;

        Pairs(boolean plain, int attributes, int capacity) {
            w = new int[capacity];
            l = new int[capacity];
            weight = plain ? null : new double[capacity];
            tie = plain ? null : new boolean[capacity];
            attrCodes = new int[attributes][capacity];
        }

        void room() {
            if (n == w.length) {
                int cap = n * 2;
                w = Arrays.copyOf(w, cap);
                l = Arrays.copyOf(l, cap);
                if (weight != null) {
                    weight = Arrays.copyOf(weight, cap);
                    tie = Arrays.copyOf(tie, cap);
                }
                for (int k = 0; k < attrCodes.length; k++) {
                    attrCodes[k] = Arrays.copyOf(attrCodes[k], cap);
                }
            }
        }
    }

    private static boolean isTie(CsvTable.Row row, int column) {
        return switch (row.text(column).strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "y", "t" -> true;
            case "", "0", "false", "no", "n", "f" -> false;
            default -> throw row.invalid(column, "1/0, true/false or yes/no");
        };
    }

    /**
     * Numbers the distinct ids among winners and losers in ascending order: {@code items} gets the ids,
     * {@code winner} and {@code loser} their positions. Ids usually span a small range, so a table over
     * the range does it in two passes; otherwise a sorted copy and binary search (no boxing either way).
     */
    static void numbered(int[] w, int[] l, int rows, List<Object> items, int[] winner, int[] loser) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int r = 0; r < rows; r++) {
            min = Math.min(min, Math.min(w[r], l[r]));
            max = Math.max(max, Math.max(w[r], l[r]));
        }
        if ((long) max - min < 50_000_000L) {
            int[] position = new int[max - min + 1];
            for (int r = 0; r < rows; r++) {
                position[w[r] - min] = 1;
                position[l[r] - min] = 1;
            }
            int k = 0;
            for (int i = 0; i < position.length; i++) {
                if (position[i] != 0) {
                    items.add(i + min);
                    position[i] = k++;
                }
            }
            for (int r = 0; r < rows; r++) {
                winner[r] = position[w[r] - min];
                loser[r] = position[l[r] - min];
            }
            return;
        }
        int[] all = new int[2 * rows];
        System.arraycopy(w, 0, all, 0, rows);
        System.arraycopy(l, 0, all, rows, rows);
        Arrays.sort(all);
        int k = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[k++] = all[i];
                items.add(all[i]);
            }
        }
        for (int r = 0; r < rows; r++) {
            winner[r] = Arrays.binarySearch(all, 0, k, w[r]);
            loser[r] = Arrays.binarySearch(all, 0, k, l[r]);
        }
    }

    /**
     * Ids read as text that are all whole numbers written plainly (some beyond int range) are reported as
     * numbers in ascending order, like the others; otherwise as written, in order of first appearance.
     * Fills {@code items} and returns each name's position in it. {@code names} are in order of first
     * appearance (a row's winner before its loser); polity-spark numbers the items of a table it read with this.
     */
    public static int[] byNumber(List<String> names, List<Object> items) {
        long[] value = new long[names.size()];
        Integer[] order = new Integer[names.size()];
        boolean numbers = true;
        for (int i = 0; i < value.length; i++) {
            order[i] = i;
            value[i] = plainNumber(names.get(i));
            numbers &= value[i] != TEXT;
        }
        if (numbers) {
            Arrays.sort(order, (a, b) -> Long.compare(value[a], value[b]));
        }
        int[] remap = new int[order.length];
        for (int pos = 0; pos < order.length; pos++) {
            remap[order[pos]] = pos;
            long v = value[order[pos]];
            items.add(!numbers ? names.get(order[pos]) : v == (int) v ? (Object) (int) v : (Object) v);
        }
        return remap;
    }

    /** The number a text writes plainly (as {@link Long#toString} would), or {@link #TEXT}. */
    private static long plainNumber(String s) {
        try {
            long v = Long.parseLong(s);
            return Long.toString(v).equals(s) ? v : TEXT;
        } catch (NumberFormatException e) {
            return TEXT;
        }
    }

    private static int id(Map<String, Integer> ids, List<String> names, String s) {
        Integer i = ids.get(s);
        if (i == null) {
            i = names.size();
            ids.put(s, i);
            names.add(s);
        }
        return i;
    }
}
