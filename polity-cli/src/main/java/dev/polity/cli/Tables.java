package dev.polity.cli;

import dev.polity.norms.ConstitutionDiff;
import dev.polity.norms.Resolution;

/** Plain-text renderings for the terminal. */
final class Tables {
    private Tables() {
    }

    static String resolution(Resolution r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Context: ").append(r.context()).append('\n');
        sb.append(r.norms().size()).append(" norms apply, ").append(r.overridden().size()).append(" overridden, ")
                .append(r.gaps().size()).append(" gaps\n\n");
        for (Resolution.Applicable a : r.norms()) {
            sb.append(String.format("%-10s %-11s %s%n", a.norm().tier(), a.norm().kind().yamlName(), a.norm().id()));
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
        sb.append(d.impacts().isEmpty() ? ".\n" : ":\n");
        int shown = 0;
        for (ConstitutionDiff.Impact i : d.impacts()) {
            if (shown++ == limit) {
                sb.append("  ... ").append(d.impacts().size() - limit).append(" more (use --limit or --format json)\n");
                break;
            }
            sb.append("  ").append(i.context()).append(": ");
            if (!i.entering().isEmpty()) {
                sb.append("+").append(String.join(" +", i.entering())).append(' ');
            }
            if (!i.leaving().isEmpty()) {
                sb.append("-").append(String.join(" -", i.leaving()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
