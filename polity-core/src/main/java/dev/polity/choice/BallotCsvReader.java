package dev.polity.choice;

import dev.polity.input.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranked ballots with voter attributes: a CSV with a {@code ranking} column written {@code a > b = c > d}
 * ({@code >} strictly before, {@code =} tied), an optional {@code count} (or {@code weight}) column, and any
 * other columns as voter attributes. Items are the strings written, in order of first appearance.
 */
public final class BallotCsvReader {
    private BallotCsvReader() {
    }

    public static Profile read(Path file) {
        return parse(CsvTable.read(file), file.toString());
    }

    public static Profile parse(String text, String file) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<Ballot> ballots = new ArrayList<>();
        String[][] header = new String[1][];
        int[] cols = new int[2];
        CsvTable.parse(text, file, (fields, line) -> {
            if (header[0] == null) {
                header[0] = fields;
                cols[0] = CsvTable.column(fields, "ranking", "ballot", "order");
                cols[1] = CsvTable.column(fields, "count", "weight");
                if (cols[0] < 0) {
                    throw new InvalidInputException(file, line, "expected a header with a 'ranking' column, e.g. 'ranking,count,country'");
                }
                return;
            }
            if (fields.length != header[0].length) {
                throw new InvalidInputException(file, line, "expected " + header[0].length + " fields like the header, got " + fields.length);
            }
            double count = 1;
            if (cols[1] >= 0) {
                try {
                    count = Double.parseDouble(fields[cols[1]].strip());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(file, line, "column '" + header[0][cols[1]] + "': expected a number, got '" + fields[cols[1]] + "'");
                }
                if (!(count > 0)) {
                    throw new InvalidInputException(file, line, "column '" + header[0][cols[1]] + "': expected a positive number, got '" + fields[cols[1]] + "'");
                }
            }
            String ranking = fields[cols[0]];
            List<int[]> tiers = new ArrayList<>();
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (String tierText : ranking.split(">")) {
                String[] members = tierText.split("=");
                int[] tier = new int[members.length];
                for (int k = 0; k < members.length; k++) {
                    String item = members[k].strip();
                    if (item.isEmpty()) {
                        throw new InvalidInputException(file, line, "ranking '" + ranking + "': expected items separated by '>' or '='");
                    }
                    tier[k] = ids.computeIfAbsent(item, x -> ids.size());
                    if (!seen.add(tier[k])) {
                        throw new InvalidInputException(file, line, "ranking '" + ranking + "' names '" + item + "' twice");
                    }
                }
                tiers.add(tier);
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int c = 0; c < fields.length; c++) {
                if (c != cols[0] && c != cols[1]) {
                    attrs.put(header[0][c].strip(), fields[c].strip());
                }
            }
            ballots.add(new Ballot(tiers.toArray(new int[0][]), count, attrs));
        });
        if (ballots.isEmpty()) {
            throw new InvalidInputException(file, 1, "no ballots after the header");
        }
        return new Profile(new ArrayList<>(ids.keySet()), ballots, Path.of(file).getFileName().toString());
    }
}
