package dev.polity.choice;

import dev.polity.input.InvalidInputException;
import dev.polity.input.TextFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PrefLib's 2022 format ({@code .soc .soi .toc .toi}): {@code # KEY: value} header lines, then one
 * line per distinct order, {@code count: a,b,{c,d}} with alternatives numbered from 1 and braces for ties
 * (Mattei and Walsh, 2013, "PrefLib: A Library for Preferences", ADT).
 */
public final class PrefLibReader {
    private PrefLibReader() {
    }

    public static Profile read(Path file) {
        return parse(TextFile.read(file), file.toString());
    }

    public static Profile parse(String text, String file) {
        Map<String, String> header = new HashMap<>();
        Map<String, Integer> headerLine = new HashMap<>();
        List<int[][]> orders = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int declared = -1;
        int maxSeen = 0;
        String[] rows = text.split("\r?\n", -1);
        for (int i = 0; i < rows.length; i++) {
            int lineNo = i + 1;
            String row = rows[i].strip();
            if (row.isEmpty()) {
                continue;
            }
            if (row.startsWith("#")) {
                String body = row.substring(1).strip();
                int colon = body.indexOf(':');
                if (colon < 0) {
                    throw new InvalidInputException(file, lineNo, "expected a header line '# KEY: value'");
                }
                String key = body.substring(0, colon).strip().toUpperCase(java.util.Locale.ROOT);
                String value = body.substring(colon + 1).strip();
                header.put(key, value);
                headerLine.put(key, lineNo);
                if (key.equals("NUMBER ALTERNATIVES")) {
                    declared = positiveInt(value, file, lineNo, "NUMBER ALTERNATIVES");
                }
                continue;
            }
            int colon = row.indexOf(':');
            if (colon < 0) {
                throw new InvalidInputException(file, lineNo, "expected 'count: order' (e.g. '3: 2,1,{3,4}'), got '" + abbreviate(row) + "'");
            }
            double count = count(row.substring(0, colon).strip(), file, lineNo);
            int[][] tiers = order(row.substring(colon + 1), file, lineNo, declared);
            for (int[] t : tiers) {
                for (int a : t) {
                    maxSeen = Math.max(maxSeen, a + 1);
                }
            }
            orders.add(tiers);
            counts.add(count);
            lines.add(lineNo);
        }
        int n = declared >= 0 ? declared : maxSeen;
        if (n == 0) {
            throw new InvalidInputException(file, 1, "no alternatives: expected '# NUMBER ALTERNATIVES: n' or ballots");
        }
        checkType(header.getOrDefault("DATA TYPE", extension(file)), orders, lines, n, file);
        String voters = header.get("NUMBER VOTERS");
        if (voters != null && !voters.isEmpty()) {
            double sum = counts.stream().mapToDouble(Double::doubleValue).sum();
            int v = positiveInt(voters, file, headerLine.get("NUMBER VOTERS"), "NUMBER VOTERS");
            if (Math.abs(sum - v) > 1e-9) {
                throw new InvalidInputException(file, headerLine.get("NUMBER VOTERS"),
                        "NUMBER VOTERS says " + v + " but the ballot counts add up to " + fmt(sum));
            }
        }
        List<Object> items = new ArrayList<>(n);
        for (int a = 1; a <= n; a++) {
            items.add(a);
        }
        List<Ballot> ballots = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            ballots.add(new Ballot(orders.get(i), counts.get(i), Map.of()));
        }
        String title = header.getOrDefault("TITLE", Path.of(file).getFileName().toString());
        return new Profile(items, ballots, title.isEmpty() ? Path.of(file).getFileName().toString() : title);
    }

    private static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * PrefLib's four data types promise what every order is: strict (soc, soi: no ties) and complete (soc, toc:
     * every alternative ranked); an order that breaks its file's promise is an error, not a silent reading.
     */
    private static void checkType(String type, List<int[][]> orders, List<Integer> lines, int n, String file) {
        String t = type.strip().toLowerCase(java.util.Locale.ROOT);
        boolean strict = t.equals("soc") || t.equals("soi");
        boolean complete = t.equals("soc") || t.equals("toc");
        for (int i = 0; i < orders.size(); i++) {
            int ranked = 0;
            for (int[] tier : orders.get(i)) {
                ranked += tier.length;
                if (strict && tier.length > 1) {
                    throw new InvalidInputException(file, lines.get(i), "a " + t + " order has no ties, but this one ties " + tier.length
                            + " alternatives in braces (ties belong in a toc or toi file)");
                }
            }
            if (complete && ranked < n) {
                throw new InvalidInputException(file, lines.get(i), "a " + t + " order ranks all " + n + " alternatives, but this one ranks "
                        + ranked + " (incomplete orders belong in a soi or toi file)");
            }
        }
    }

    /** Parses {@code a,b,{c,d}} into tiers of 0-based indices. */
    static int[][] order(String s, String file, int line, int declared) {
        List<int[]> tiers = new ArrayList<>();
        boolean[] seen = new boolean[Math.max(declared, 0) + 64];
        int pos = 0;
        int len = s.length();
        while (pos < len) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
                continue;
            }
            if (c == '{') {
                int close = s.indexOf('}', pos);
                if (close < 0) {
                    throw new InvalidInputException(file, line, "'{' without a closing '}'");
                }
                String[] parts = s.substring(pos + 1, close).split(",");
                int[] tier = new int[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    tier[k] = alternative(parts[k], file, line, declared);
                    seen = mark(seen, tier[k], file, line);
                }
                tiers.add(tier);
                pos = close + 1;
            } else {
                int comma = s.indexOf(',', pos);
                int end = comma < 0 ? len : comma;
                int a = alternative(s.substring(pos, end), file, line, declared);
                seen = mark(seen, a, file, line);
                tiers.add(new int[] {a});
                pos = end;
            }
            while (pos < len && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
            if (pos < len) {
                if (s.charAt(pos) != ',') {
                    throw new InvalidInputException(file, line, "expected ',' between alternatives, got '" + s.charAt(pos) + "'");
                }
                pos++;
                if (s.substring(pos).isBlank()) {
                    throw new InvalidInputException(file, line, "the order ends with ','");
                }
            }
        }
        if (tiers.isEmpty()) {
            throw new InvalidInputException(file, line, "empty order after ':'");
        }
        return tiers.toArray(new int[0][]);
    }

    private static boolean[] mark(boolean[] seen, int a, String file, int line) {
        if (a >= seen.length) {
            seen = java.util.Arrays.copyOf(seen, a * 2 + 1);
        }
        if (seen[a]) {
            throw new InvalidInputException(file, line, "alternative " + (a + 1) + " appears twice in one order");
        }
        seen[a] = true;
        return seen;
    }

    private static int alternative(String token, String file, int line, int declared) {
        String t = token.strip();
        int a;
        try {
            a = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, line, "expected an alternative number, got '" + t + "'");
        }
        if (a < 1 || (declared >= 0 && a > declared)) {
            throw new InvalidInputException(file, line, "alternative " + a + " is outside 1.." + (declared >= 0 ? declared : "n"));
        }
        return a - 1;
    }

    /**
     * The number of voters who cast an order: a whole number from 1 to {@link Integer#MAX_VALUE}, as NUMBER
     * VOTERS is. A larger one (say 23 digits) is this line's error, not a sum that disagrees further down.
     */
    private static double count(String text, String file, int line) {
        if (!text.matches("[0-9]+")) {
            throw new InvalidInputException(file, line, "expected a count before ':', got '" + abbreviate(text) + "'");
        }
        long n = text.length() > 10 ? -1 : Long.parseLong(text);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new InvalidInputException(file, line, "the count must be a whole number from 1 to " + Integer.MAX_VALUE + ", got " + abbreviate(text));
        }
        return n;
    }

    private static int positiveInt(String v, String file, int line, String key) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(file, line, key + ": expected a whole number, got '" + v + "'");
    }

    /** A whole number without a decimal point (never clamped to the range of long), else as Java writes it. */
    static String fmt(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? new java.math.BigDecimal(d).toPlainString() : Double.toString(d);
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
