package dev.polity.report;

import dev.polity.eval.Estimate;
import dev.polity.eval.JailbreakProbe;
import dev.polity.eval.Metrics;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** How rates are printed and which cells the norm × context views aggregate; shared by the writers. */
final class Figures {
    private Figures() {
    }

    /** {@code 90.5% [76.2–100.0] n=21}, or {@code –} when nothing was measured. */
    static String rate(Estimate e) {
        if (e == null || e.isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f%% [%.1f–%.1f] n=%d", 100 * e.value(), 100 * e.lo(), 100 * e.hi(), e.n());
    }

    /** A signed difference in percentage points: {@code +50.0 pp [12.5–87.5]}. */
    static String points(Estimate e) {
        if (e == null || e.isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%+.1f pp [%+.1f, %+.1f]", 100 * e.value(), 100 * e.lo(), 100 * e.hi());
    }

    static String number(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.3f", d);
    }

    /**
     * Verdict counts per model, norm and context over the answers that were not jailbreak-wrapped: every
     * probe's {@code all} group, except jailbreak, whose baseline ({@code wrapper=none}) stands in.
     */
    static Map<String, Map<String, Map<String, int[]>>> normByContext(Metrics m) {
        Map<String, Map<String, Map<String, int[]>>> out = new TreeMap<>();
        for (Metrics.ComplianceCell c : m.compliance()) {
            boolean plain = c.probe().equals(JailbreakProbe.NAME) ? c.group().equals("wrapper=none") : c.group().equals(Metrics.ALL);
            if (!plain) {
                continue;
            }
            int[] k = out.computeIfAbsent(c.model(), x -> new TreeMap<>()).computeIfAbsent(c.norm(), x -> new TreeMap<>())
                    .computeIfAbsent(c.context(), x -> new int[3]);
            k[0] += c.complies();
            k[1] += c.violates();
            k[2] += c.uncertain();
        }
        return out;
    }
}
