package dev.polity.norms;

import dev.polity.input.Diagnostic;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Semantic checks on a loaded constitution, over every context it can distinguish ({@link ContextGrid}):
 * conflicts and how each is settled, gaps no canon settles, norms no context reaches, and norms that are
 * overridden wherever they are in scope. Load errors are not here: loading reports them.
 */
public final class Lint {
    private Lint() {
    }

    /** The outcome: findings sorted by place, and the conflicts found (pairs of norm ids and how they were settled). */
    public record Report(List<Diagnostic> findings, List<Conflict> conflicts, int contexts) {
        public boolean hasErrors() {
            return findings.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        }

        public long count(Diagnostic.Severity s) {
            return findings.stream().filter(d -> d.severity() == s).count();
        }
    }

    /**
     * Two norms that meet in at least one context: how often each canon settled them, where one context of
     * each outcome lies, and the contexts where they stay unsettled.
     */
    public record Conflict(Norm a, Norm b, Map<String, Integer> outcomes, Map<String, Context> examples, boolean loserAppliesElsewhere) {
        /**
         * True when the pair ends differently in different contexts: settled by different canons or with
         * different winners, or the norm that loses here applies elsewhere.
         */
        public boolean variesByContext() {
            return outcomes.size() > 1 || loserAppliesElsewhere;
        }
    }

    /** @param today the date a norm's {@code effective.until} is compared with, and the grid's date when no norm has dates */
    public static Report check(Constitution constitution, LocalDate today) {
        Resolver resolver = new Resolver(constitution);
        List<Context> grid = ContextGrid.of(constitution, today);
        Set<String> inScope = new HashSet<>();
        Set<String> appliesSomewhere = new HashSet<>();
        Map<String, Resolution.Overridden> anOverride = new TreeMap<>();
        Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
        Map<String, Map<String, Context>> examples = new TreeMap<>();
        Map<String, Norm[]> pairs = new TreeMap<>();
        Map<String, Resolution.Gap> gapExample = new TreeMap<>();
        Map<String, Context> gapContext = new TreeMap<>();
        for (Context ctx : grid) {
            Resolution r = resolver.applicable(ctx);
            for (Resolution.Applicable a : r.norms()) {
                inScope.add(a.norm().id());
                appliesSomewhere.add(a.norm().id());
            }
            for (Resolution.Overridden o : r.overridden()) {
                inScope.add(o.norm().id());
                anOverride.putIfAbsent(o.norm().id(), o);
                String key = pairKey(o.norm(), o.by());
                pairs.putIfAbsent(key, ordered(o.norm(), o.by()));
                String outcome = o.by().id() + " prevails (" + o.principle().label() + ")";
                outcomes.computeIfAbsent(key, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
                examples.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent(outcome, ctx);
            }
            for (Resolution.Gap g : r.gaps()) {
                g.norms().forEach(n -> inScope.add(n.id()));
                Norm a = g.norms().get(0);
                Norm b = g.norms().get(1);
                String key = pairKey(a, b);
                pairs.putIfAbsent(key, ordered(a, b));
                outcomes.computeIfAbsent(key, k -> new TreeMap<>()).merge("gap", 1, Integer::sum);
                examples.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent("gap", ctx);
                gapExample.putIfAbsent(key, g);
                gapContext.putIfAbsent(key, ctx);
            }
        }

        List<Diagnostic> findings = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (var e : pairs.entrySet()) {
            Norm a = e.getValue()[0];
            Norm b = e.getValue()[1];
            boolean elsewhere = outcomes.get(e.getKey()).keySet().stream().anyMatch(o ->
                    o.startsWith(a.id() + " prevails") ? appliesSomewhere.contains(b.id())
                            : o.startsWith(b.id() + " prevails") ? appliesSomewhere.contains(a.id())
                            : appliesSomewhere.contains(a.id()) || appliesSomewhere.contains(b.id()));
            Conflict c = new Conflict(a, b, outcomes.get(e.getKey()), examples.get(e.getKey()), elsewhere);
            conflicts.add(c);
            StringBuilder sb = new StringBuilder("conflict on topic '" + a.topic() + "' between " + a.id() + " and " + b.id() + ": ");
            List<String> parts = new ArrayList<>();
            c.outcomes().forEach((outcome, count) -> parts.add(outcome + " in " + count + " context" + (count == 1 ? "" : "s")
                    + " (e.g. " + c.examples().get(outcome) + ")"));
            sb.append(String.join("; ", parts));
            findings.add(Diagnostic.info(a.location(), sb.toString()));
            Resolution.Gap g = gapExample.get(e.getKey());
            if (g != null) {
                findings.add(Diagnostic.warning(a.location(), "gap: " + a.id() + " and " + b.id() + " conflict in "
                        + gapContext.get(e.getKey()) + " and no canon settles it (" + g.reason() + "); residual authority: "
                        + g.residualAuthority()));
            }
        }
        for (Norm n : constitution.norms()) {
            if (n.effective().until() != null && !n.effective().until().isAfter(today)) {
                findings.add(Diagnostic.warning(n.location(), "unreachable: norm " + n.id() + " ceased to be in force on "
                        + n.effective().until()));
            } else if (!inScope.contains(n.id())) {
                findings.add(Diagnostic.warning(n.location(), "unreachable: norm " + n.id() + " is in scope in no context"));
            } else if (!appliesSomewhere.contains(n.id())) {
                Resolution.Overridden o = anOverride.get(n.id());
                String by = o == null ? "an unsettled conflict" : o.by().id() + " (" + o.reason() + ")";
                findings.add(Diagnostic.warning(n.location(), "shadowed everywhere: norm " + n.id()
                        + " never applies; wherever it is in scope it is overridden, e.g. by " + by));
            }
        }
        findings.sort(Comparator.comparing((Diagnostic d) -> d.location().file())
                .thenComparingInt(d -> d.location().line()).thenComparing(Diagnostic::message));
        return new Report(findings, conflicts, grid.size());
    }

    private static String pairKey(Norm a, Norm b) {
        return a.id().compareTo(b.id()) < 0 ? a.id() + "|" + b.id() : b.id() + "|" + a.id();
    }

    private static Norm[] ordered(Norm a, Norm b) {
        return a.id().compareTo(b.id()) < 0 ? new Norm[] {a, b} : new Norm[] {b, a};
    }

}
