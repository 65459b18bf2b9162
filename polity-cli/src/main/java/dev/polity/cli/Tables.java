package dev.polity.cli;

import dev.polity.norms.ConstitutionDiff;
import dev.polity.norms.Resolution;
import java.util.List;
import java.util.Locale;

/** Plain-text renderings for the terminal. */
final class Tables {
    private Tables() {
    }

    /** {@code 1 warning}, {@code 2 warnings}, {@code 0 warnings}: a count with its noun in the right number (regular plurals). */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Rows as aligned columns: each but the last padded to its widest cell, two spaces apart. */
    static String columns(List<List<String>> rows) {
        int[] width = new int[rows.stream().mapToInt(List::size).max().orElse(0)];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format(Locale.ROOT, "%-" + width[i] + "s  ", row.get(i)));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static String resolution(Resolution r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Context: ").append(r.context()).append('\n');
        sb.append(count(r.norms().size(), "norm")).append(r.norms().size() == 1 ? " applies, " : " apply, ")
                .append(r.overridden().size()).append(" overridden, ").append(count(r.gaps().size(), "gap")).append("\n\n");
        for (Resolution.Applicable a : r.norms()) {
            sb.append(String.format(Locale.ROOT, "%-10s %-11s %s%n", a.norm().tier(), a.norm().kind().yamlName(), a.norm().id()));
            sb.append("           ").append(a.norm().statement()).append('\n');
            for (String reason : a.reasons()) {
                sb.append("           - ").append(reason).append('\n');
            }
        }
        if (!r.overridden().isEmpty()) {
            sb.append("\nOverridden here:\n");
            for (Resolution.Overridden o : r.overridden()) {
                sb.append("  ").append(o.norm().id()).append(" by ").append(o.by().id()).append(": ").append(o.reason()).append('\n');
            }
        }
        if (!r.gaps().isEmpty()) {
            sb.append("\nGaps (no canon settles them):\n");
            for (Resolution.Gap g : r.gaps()) {
                sb.append("  topic ").append(g.topic()).append(": ")
                        .append(String.join(" vs ", g.norms().stream().map(n -> n.id()).toList()))
                        .append("; ").append(g.reason()).append("; decided by: ").append(g.residualAuthority()).append('\n');
            }
        }
        return sb.toString();
    }

    static String diff(ConstitutionDiff d, int limit) {
        StringBuilder sb = new StringBuilder();
        if (d.isEmpty()) {
            return "No differences.\n";
        }
        d.added().forEach(id -> sb.append("+ ").append(id).append('\n'));
        d.removed().forEach(id -> sb.append("- ").append(id).append('\n'));
        d.changed().forEach(c -> sb.append("~ ").append(c.id()).append(" (").append(String.join(", ", c.fields())).append(")\n"));
        sb.append('\n').append(d.impacts().size()).append(" representative context(s) where the applicable set changes");
        sb.append(d.impacts().isEmpty() ? ".\n" : ", grouped by change:\n");
        // One line per distinct change, with where and when it happens, instead of one line per context.
        java.util.Map<String, java.util.List<ConstitutionDiff.Impact>> byChange = new java.util.TreeMap<>();
        for (ConstitutionDiff.Impact i : d.impacts()) {
            String change = (i.entering().isEmpty() ? "" : "+" + String.join(" +", i.entering()))
                    + (i.entering().isEmpty() || i.leaving().isEmpty() ? "" : " ")
                    + (i.leaving().isEmpty() ? "" : "-" + String.join(" -", i.leaving()));
            byChange.computeIfAbsent(change, k -> new java.util.ArrayList<>()).add(i);
        }
        int shown = 0;
        for (var e : byChange.entrySet()) {
            if (shown++ == limit) {
                sb.append("  ... ").append(byChange.size() - limit).append(" more changes (use --limit or --format json)\n");
                break;
            }
            java.util.TreeSet<String> places = new java.util.TreeSet<>();
            java.util.TreeSet<String> domains = new java.util.TreeSet<>();
            java.util.TreeSet<String> audiences = new java.util.TreeSet<>();
            java.util.TreeSet<java.time.LocalDate> dates = new java.util.TreeSet<>();
            for (ConstitutionDiff.Impact i : e.getValue()) {
                places.add(i.context().jurisdiction());
                domains.add(i.context().domain() == null ? "*" : i.context().domain());
                audiences.add(i.context().audience() == null ? "*" : i.context().audience());
                dates.add(i.context().date());
            }
            sb.append("  ").append(e.getKey()).append('\n')
                    .append("      in ").append(String.join(", ", places))
                    .append("; domains ").append(String.join(", ", domains))
                    .append("; audiences ").append(String.join(", ", audiences))
                    .append("; dates ").append(dates.first()).append(dates.size() > 1 ? " .. " + dates.last() : "")
                    .append(" (").append(count(e.getValue().size(), "context")).append(")\n");
        }
        return sb.toString();
    }
}
