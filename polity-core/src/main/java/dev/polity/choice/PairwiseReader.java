package dev.polity.choice;

import dev.polity.input.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairwise comparisons from a CSV with header {@code winner,loser} and optional {@code rater},
 * {@code weight}, {@code tie} and rater-attribute columns. Item ids are kept as written: when every id is
 * a whole number they are reported as integers in ascending order, otherwise as strings in order of first
 * appearance.
 */
public final class PairwiseReader {
    private PairwiseReader() {
    }

    public static Comparisons read(Path file) {
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file.toString(), 0, "no such file");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Comparisons fast = integerPairs(bytes);
        return fast != null ? fast : parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), file.toString());
    }

    /**
     * The common large case, a two-column {@code winner,loser} file of whole-number ids, read straight from the
     * bytes without making strings. Returns null on anything else (quotes, other columns, other ids, odd
     * lines), and the general parser then reads the file and reports any error with its line.
     */
    static Comparisons integerPairs(byte[] b) {
        int pos = 0;
        int n = b.length;
        int eol = 0;
        while (eol < n && b[eol] != '\n') {
            eol++;
        }
        String header = new String(b, 0, eol, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (!header.equalsIgnoreCase("winner,loser")) {
            return null;
        }
        pos = eol + 1;
        int cap = Math.max(16, n / 8);
        int[] w = new int[cap];
        int[] l = new int[cap];
        int rows = 0;
        long[] out = new long[2];
        while (pos < n) {
            if (b[pos] == '\n' || b[pos] == '\r') {
                pos++;
                continue;
            }
            for (int k = 0; k < 2; k++) {
                int start = pos;
                boolean neg = pos < n && b[pos] == '-';
                if (neg) {
                    pos++;
                }
                long v = 0;
                int digits = 0;
                while (pos < n && b[pos] >= '0' && b[pos] <= '9') {
                    v = v * 10 + (b[pos++] - '0');
                    digits++;
                }
                if (digits == 0 || digits > 9 || (b[start + (neg ? 1 : 0)] == '0' && digits > 1)) {
                    return null;
                }
                out[k] = neg ? -v : v;
                if (k == 0) {
                    if (pos >= n || b[pos] != ',') {
                        return null;
                    }
                    pos++;
                }
            }
            if (pos < n && b[pos] == '\r') {
                pos++;
            }
            if (pos < n && b[pos] != '\n') {
                return null;
            }
            if (out[0] == out[1]) {
                return null;
            }
            if (rows == w.length) {
                w = Arrays.copyOf(w, rows * 2);
                l = Arrays.copyOf(l, rows * 2);
            }
            w[rows] = (int) out[0];
            l[rows] = (int) out[1];
            rows++;
        }
        if (rows == 0) {
            return null;
        }
        int[] ids = distinctIds(w, l, rows);
        int[] winner = new int[rows];
        int[] loser = new int[rows];
        int lo = ids[0];
        int span = ids[ids.length - 1] - lo;
        int[] dense = span < 50_000_000 ? new int[span + 1] : null;
        if (dense != null) {
            for (int i = 0; i < ids.length; i++) {
                dense[ids[i] - lo] = i;
            }
        }
        for (int r = 0; r < rows; r++) {
            winner[r] = dense != null ? dense[w[r] - lo] : Arrays.binarySearch(ids, w[r]);
            loser[r] = dense != null ? dense[l[r] - lo] : Arrays.binarySearch(ids, l[r]);
        }
        List<Object> items = new ArrayList<>(ids.length);
        for (int id : ids) {
            items.add(id);
        }
        double[] weight = new double[rows];
        Arrays.fill(weight, 1.0);
        return new Comparisons(items, winner, loser, weight, new boolean[rows], List.of(), new int[0][], List.of());
    }

    /**
     * The distinct ids among winners and losers, ascending. Ids usually span a small range, so a presence
     * table does it in one pass; otherwise sort a copy and keep each value once (no boxing either way).
     */
    static int[] distinctIds(int[] w, int[] l, int rows) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int r = 0; r < rows; r++) {
            min = Math.min(min, Math.min(w[r], l[r]));
            max = Math.max(max, Math.max(w[r], l[r]));
        }
        if (max - min < 50_000_000L) {
            boolean[] seen = new boolean[(int) (max - min) + 1];
            int count = 0;
            for (int r = 0; r < 2 * rows; r++) {
                int v = r < rows ? w[r] : l[r - rows];
                if (!seen[(int) (v - min)]) {
                    seen[(int) (v - min)] = true;
                    count++;
                }
            }
            int[] out = new int[count];
            int k = 0;
            for (int i = 0; i < seen.length; i++) {
                if (seen[i]) {
                    out[k++] = (int) (i + min);
                }
            }
            return out;
        }
        int[] all = new int[2 * rows];
        System.arraycopy(w, 0, all, 0, rows);
        System.arraycopy(l, 0, all, rows, rows);
        Arrays.sort(all);
        int k = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[k++] = all[i];
            }
        }
        return Arrays.copyOf(all, k);
    }

    public static Comparisons parse(String text, String file) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        int[][] wl = {new int[1024], new int[1024]};
        double[][] weight = {new double[1024]};
        boolean[][] tie = {new boolean[1024]};
        String[][] header = new String[1][];
        int[] col = new int[5];
        int[] rows = {0};
        List<Integer> attrCols = new ArrayList<>();
        List<String> attrNames = new ArrayList<>();
        List<Map<String, Integer>> attrIds = new ArrayList<>();
        List<List<String>> attrValues = new ArrayList<>();
        int[][][] attrCodes = {new int[0][]};
        boolean[] anyWeightOrTie = {false};
        CsvTable.parse(text, file, (f, line) -> {
            if (header[0] == null) {
                header[0] = f;
                col[0] = CsvTable.column(f, "winner");
                col[1] = CsvTable.column(f, "loser");
                col[2] = CsvTable.column(f, "weight");
                col[3] = CsvTable.column(f, "tie");
                col[4] = CsvTable.column(f, "rater");
                if (col[0] < 0 || col[1] < 0) {
                    throw new InvalidInputException(file, line, "expected a header with columns 'winner,loser' (optional: rater,weight,tie,attributes...)");
                }
                for (int c = 0; c < f.length; c++) {
                    if (c != col[0] && c != col[1] && c != col[2] && c != col[3]) {
                        attrCols.add(c);
                        attrNames.add(c == col[4] ? "rater" : f[c].strip());
                        attrIds.add(new HashMap<>());
                        attrValues.add(new ArrayList<>());
                    }
                }
                attrCodes[0] = new int[attrCols.size()][1024];
                return;
            }
            if (f.length != header[0].length) {
                throw new InvalidInputException(file, line, "expected " + header[0].length + " fields like the header, got " + f.length);
            }
            int r = rows[0];
            if (r == wl[0].length) {
                int cap = r * 2;
                wl[0] = Arrays.copyOf(wl[0], cap);
                wl[1] = Arrays.copyOf(wl[1], cap);
                weight[0] = Arrays.copyOf(weight[0], cap);
                tie[0] = Arrays.copyOf(tie[0], cap);
                for (int k = 0; k < attrCodes[0].length; k++) {
                    attrCodes[0][k] = Arrays.copyOf(attrCodes[0][k], cap);
                }
            }
            String w = f[col[0]].strip();
            String l = f[col[1]].strip();
            if (w.isEmpty() || l.isEmpty()) {
                throw new InvalidInputException(file, line, "expected an item id in both 'winner' and 'loser'");
            }
            if (w.equals(l)) {
                throw new InvalidInputException(file, line, "an item cannot be compared with itself ('" + w + "')");
            }
            wl[0][r] = id(ids, names, w);
            wl[1][r] = id(ids, names, l);
            double wt = 1.0;
            if (col[2] >= 0 && !f[col[2]].isBlank()) {
                try {
                    wt = Double.parseDouble(f[col[2]].strip());
                } catch (NumberFormatException e) {
                    wt = Double.NaN;
                }
                if (!(wt > 0) || Double.isInfinite(wt)) {
                    throw new InvalidInputException(file, line, "column 'weight': expected a positive number, got '" + f[col[2]] + "'");
                }
                anyWeightOrTie[0] |= wt != 1.0;
            }
            weight[0][r] = wt;
            if (col[3] >= 0) {
                String t = f[col[3]].strip().toLowerCase(java.util.Locale.ROOT);
                boolean isTie = switch (t) {
                    case "1", "true", "yes", "y", "t" -> true;
                    case "", "0", "false", "no", "n", "f" -> false;
                    default -> throw new InvalidInputException(file, line, "column 'tie': expected 1/0, true/false or yes/no, got '" + f[col[3]] + "'");
                };
                tie[0][r] = isTie;
            }
            for (int k = 0; k < attrCols.size(); k++) {
                String v = f[attrCols.get(k)].strip();
                Map<String, Integer> dict = attrIds.get(k);
                Integer code = dict.get(v);
                if (code == null) {
                    code = dict.size();
                    dict.put(v, code);
                    attrValues.get(k).add(v);
                }
                attrCodes[0][k][r] = code;
            }
            rows[0]++;
        });
        if (header[0] == null || rows[0] == 0) {
            throw new InvalidInputException(file, header[0] == null ? 1 : 2, "no comparisons: expected a header 'winner,loser' and at least one row");
        }
        int n = rows[0];
        // Integer ids are reported as numbers in ascending order; anything else as written, by first appearance.
        List<Object> items = new ArrayList<>(names.size());
        int[] remap = null;
        long[] numeric = numericIds(names);
        if (numeric != null) {
            Integer[] order = new Integer[names.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(numeric[a], numeric[b]));
            remap = new int[order.length];
            for (int pos = 0; pos < order.length; pos++) {
                remap[order[pos]] = pos;
                long v = numeric[order[pos]];
                items.add(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v);
            }
        } else {
            items.addAll(names);
        }
        int[] winner = Arrays.copyOf(wl[0], n);
        int[] loser = Arrays.copyOf(wl[1], n);
        if (remap != null) {
            for (int r = 0; r < n; r++) {
                winner[r] = remap[winner[r]];
                loser[r] = remap[loser[r]];
            }
        }
        int[][] codes = new int[attrCols.size()][];
        for (int k = 0; k < codes.length; k++) {
            codes[k] = Arrays.copyOf(attrCodes[0][k], n);
        }
        return new Comparisons(items, winner, loser, Arrays.copyOf(weight[0], n), Arrays.copyOf(tie[0], n),
                List.copyOf(attrNames), codes, attrValues.stream().map(List::copyOf).toList());
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

    private static long[] numericIds(List<String> names) {
        long[] out = new long[names.size()];
        for (int i = 0; i < out.length; i++) {
            String s = names.get(i);
            if (s.isEmpty() || s.length() > 18) {
                return null;
            }
            int start = s.charAt(0) == '-' ? 1 : 0;
            if (start == s.length() || (s.charAt(start) == '0' && s.length() > start + 1)) {
                return null;
            }
            for (int c = start; c < s.length(); c++) {
                if (s.charAt(c) < '0' || s.charAt(c) > '9') {
                    return null;
                }
            }
            out[i] = Long.parseLong(s);
        }
        return out;
    }
}
