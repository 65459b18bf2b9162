package dev.polity.choice;

import dev.polity.input.CsvReader;
import dev.polity.input.CsvTable;
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
        try (CsvReader in = CsvReader.open(file)) {
            return read(in);
        }
    }

    public static Profile parse(String text, String file) {
        try (CsvReader in = CsvReader.of(file, text)) {
            return read(in);
        }
    }

    private static Profile read(CsvReader in) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<Ballot> ballots = new ArrayList<>();
        CsvTable.Header h = in.header();
        int rankingC = h.find("ranking", "ballot", "order");
        int countC = h.find("count", "weight");
        if (rankingC < 0) {
            throw h.error("expected a header with a 'ranking' column, e.g. 'ranking,count,country'");
        }
        while (in.next()) {
            CsvTable.Row row = in.row();
            double count = countC < 0 ? 1 : row.positiveNumber(countC);
            String ranking = row.text(rankingC);
            List<int[]> tiers = new ArrayList<>();
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (String tierText : ranking.split(">")) {
                String[] members = tierText.split("=");
                int[] tier = new int[members.length];
                for (int k = 0; k < members.length; k++) {
                    String item = members[k].strip();
                    if (item.isEmpty()) {
                        throw row.error("ranking '" + ranking + "': expected items separated by '>' or '='");
                    }
                    tier[k] = ids.computeIfAbsent(item, x -> ids.size());
                    if (!seen.add(tier[k])) {
                        throw row.error("ranking '" + ranking + "' names '" + item + "' twice");
                    }
                }
                tiers.add(tier);
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int c = 0; c < h.size(); c++) {
                if (c != rankingC && c != countC) {
                    attrs.put(h.name(c), row.text(c).strip());
                }
            }
            ballots.add(new Ballot(tiers.toArray(new int[0][]), count, attrs));
        }
        if (ballots.isEmpty()) {
            throw new InvalidInputException(in.file(), h.line() + 1, "no ballots after the header");
        }
        return new Profile(new ArrayList<>(ids.keySet()), ballots, Path.of(in.file()).getFileName().toString());
    }
}
