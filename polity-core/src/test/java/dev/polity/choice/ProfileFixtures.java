package dev.polity.choice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small profiles written by hand for the tests. */
final class ProfileFixtures {
    private ProfileFixtures() {
    }

    /** Builds a profile from lines like "42: M>N>C>K" over single-letter (or word) items. */
    static Profile of(String... lines) {
        StringBuilder csv = new StringBuilder("count,ranking\n");
        for (String l : lines) {
            String[] parts = l.split(":", 2);
            csv.append(parts[0].strip()).append(',').append(parts[1].strip()).append('\n');
        }
        return BallotCsvReader.parse(csv.toString(), "fixture.csv");
    }

    /**
     * Tennessee capital (the textbook example, e.g. Wikipedia "Condorcet method"): 42% Memphis, 26% Nashville,
     * 15% Chattanooga, 17% Knoxville first, each voter ranking by distance.
     */
    static Profile tennessee() {
        return of("42: Memphis>Nashville>Chattanooga>Knoxville",
                "26: Nashville>Chattanooga>Knoxville>Memphis",
                "15: Chattanooga>Knoxville>Nashville>Memphis",
                "17: Knoxville>Chattanooga>Nashville>Memphis");
    }

    /** Schulze (2011), sec. 3.1, example 1: 45 voters over A..E; the Schulze order is E > A > C > B > D. */
    static Profile schulzeExample() {
        return of("5: A>C>B>E>D", "5: A>D>E>C>B", "8: B>E>D>A>C", "3: C>A>B>E>D",
                "7: C>A>E>B>D", "2: C>B>A>D>E", "7: D>C>E>B>A", "8: E>B>A>D>C");
    }

    static List<Object> labels(Profile p, List<Integer> idx) {
        return new ArrayList<>(p.labels(idx));
    }

    static Ballot strict(int... order) {
        return new Ballot(toTiers(order), 1, Map.of());
    }

    private static int[][] toTiers(int[] order) {
        int[][] t = new int[order.length][];
        for (int i = 0; i < order.length; i++) {
            t[i] = new int[] {order[i]};
        }
        return t;
    }
}
