package dev.polity.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable form of an aggregate result. */
final class AggregateText {
    private AggregateText() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder();
        if (r.containsKey("rules")) {
            for (Map<String, Object> x : (List<Map<String, Object>>) r.get("rules")) {
                rule(sb, x);
            }
            sb.append(String.format(Locale.ROOT, "Condorcet winner: %s   loser: %s   Smith set: %s   majority cycle: %s%n",
                    r.get("condorcet_winner") == null ? "none" : r.get("condorcet_winner"),
                    r.get("condorcet_loser") == null ? "none" : r.get("condorcet_loser"), r.get("smith_set"), r.get("majority_cycle")));
            if (r.containsKey("condorcet_winner_elected_by")) {
                sb.append("Condorcet winner elected by: ").append(r.get("condorcet_winner_elected_by")).append('\n');
            }
            if (r.containsKey("skipped")) {
                sb.append("skipped: ").append(r.get("skipped")).append('\n');
            }
        } else if (r.containsKey("rule")) {
            rule(sb, r);
        }
        if (r.containsKey("theta")) {
            List<Object> items = (List<Object>) r.get("items");
            double[] theta = (double[]) r.get("theta");
            sb.append(String.format(Locale.ROOT, "%s by %s (alpha %s): %d iterations, log-likelihood %.6f, converged %s%n",
                    r.get("model"), r.get("method"), r.get("alpha"), (Integer) r.get("iterations"), (Double) r.get("log_likelihood"), r.get("converged")));
            Integer[] order = new Integer[theta.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(theta[b], theta[a]));
            double[] lo = (double[]) r.get("theta_lower");
            double[] hi = (double[]) r.get("theta_upper");
            int shown = Math.min(order.length, 20);
            for (int k = 0; k < shown; k++) {
                int i = order[k];
                sb.append(String.format(Locale.ROOT, "  %3d. %-20s %8.4f%s%n", k + 1, items.get(i), theta[i],
                        lo == null ? "" : String.format(Locale.ROOT, "  [%.4f, %.4f]", lo[i], hi[i])));
            }
            if (order.length > shown) {
                sb.append("  ... ").append(order.length - shown).append(" more (use --json or --out)\n");
            }
        }
        if (r.containsKey("groups")) {
            Map<String, Object> g = (Map<String, Object>) r.get("groups");
            sb.append(String.format(Locale.ROOT, "Groups by %s, welfare %s, weights %s%n", g.get("attributes"), g.get("welfare"), g.get("weights")));
            for (Map<String, Object> x : (List<Map<String, Object>>) g.get("per_group")) {
                sb.append(String.format(Locale.ROOT, "  %-40s size %6.0f weight %.3f tau %+.3f regret %.4f favourite %s (collective rank %s)%n",
                        x.get("group"), (Double) x.get("size"), (Double) x.get("weight"), (Double) x.get("kendall_tau"),
                        (Double) x.get("regret"), x.get("favourite"), x.get("favourite_collective_rank")));
            }
            Map<String, Map<String, Object>> coll = (Map<String, Map<String, Object>>) g.get("collective");
            coll.forEach((w, c) -> sb.append(String.format(Locale.ROOT, "  %-12s top %s   sides with %s%n", w, c.get("top"), c.get("sides_with"))));
            sb.append("  worst off: ").append(g.get("worst_off")).append('\n');
        }
        return sb.toString();
    }

    private static void rule(StringBuilder sb, Map<String, Object> x) {
        sb.append(String.format(Locale.ROOT, "%-18s winners %s%s  ranking %s%n", x.get("rule"), x.get("winners"),
                Boolean.TRUE.equals(x.get("tie_broken")) ? " (tie broken by item order)" : "", x.get("ranking")));
    }
}
