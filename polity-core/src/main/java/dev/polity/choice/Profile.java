package dev.polity.choice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranked ballots over {@code items}. Items are kept as the input wrote them (PrefLib alternative numbers
 * as {@link Integer}, CSV ids as {@link String}); their order is the tie-break order: when a rule must
 * break a tie it favours the item that comes first here (PrefLib: the lowest number).
 */
public record Profile(List<Object> items, List<Ballot> ballots, String title) {
    public Profile {
        items = List.copyOf(items);
        ballots = List.copyOf(ballots);
        for (Ballot b : ballots) {
            for (int[] tier : b.tiers()) {
                for (int a : tier) {
                    if (a < 0 || a >= items.size()) {
                        throw new IllegalArgumentException("alternative index " + a + " outside 0.." + (items.size() - 1));
                    }
                }
            }
        }
    }

    public int size() {
        return items.size();
    }

    public double voters() {
        double v = 0;
        for (Ballot b : ballots) {
            v += b.count();
        }
        return v;
    }

    public MajorityMatrix majority() {
        return MajorityMatrix.of(this);
    }

    /** The ballots of each group, keyed by the group's label (values of the attributes joined by " & "). */
    public Map<String, Profile> groups(List<String> attributes) {
        Map<String, List<Ballot>> byGroup = new LinkedHashMap<>();
        for (Ballot b : ballots) {
            byGroup.computeIfAbsent(Groups.label(attributes, b.attributes()::get), k -> new ArrayList<>()).add(b);
        }
        Map<String, Profile> out = new LinkedHashMap<>();
        byGroup.forEach((k, v) -> out.put(k, new Profile(items, v, title + " [" + k + "]")));
        return out;
    }

    public List<Object> labels(List<Integer> indices) {
        List<Object> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(items.get(i));
        }
        return out;
    }
}
