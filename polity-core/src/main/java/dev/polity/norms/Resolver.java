package dev.polity.norms;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides which norms of a constitution apply in a context.
 *
 * <p>Norms in scope and in force are candidates. Two candidates conflict when they share a topic and
 * differ in polarity ({@link Kind#conflictsWith}), or when one declares it overrides the other. Each
 * conflict is settled by the first {@link Principle} that separates the two; one none separates is a
 * gap. The winners are then read off the grounded extension of the resulting attack graph (Dung 1995,
 * "On the acceptability of arguments...", §2.2 grounded semantics): a norm applies when every norm that
 * prevails over it is itself overridden, so a defeated norm defeats nothing and an unsettled conflict
 * leaves both sides, and whatever depends on them, undecided.
 *
 * <p>Thread-safe after construction; the index makes {@link #applicable} cost proportional to the
 * norms scoped to the context's covering jurisdictions, not to the whole constitution.
 */
public final class Resolver {
    private final Constitution constitution;
    private final Norm[] norms;
    private final int[] tierRank;
    private final Map<String, int[]> byJurisdiction;
    private final Map<String, Integer> indexOfId;
    private final int[][] overrides;

    public Resolver(Constitution constitution) {
        this.constitution = constitution;
        List<Norm> sorted = new ArrayList<>(constitution.norms());
        sorted.sort(Comparator.comparing(Norm::id));
        this.norms = sorted.toArray(Norm[]::new);
        this.tierRank = new int[norms.length];
        this.indexOfId = new HashMap<>();
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = 0; i < norms.length; i++) {
            tierRank[i] = constitution.tierRank(norms[i].tier());
            indexOfId.put(norms[i].id(), i);
            for (String code : norms[i].scope().jurisdictions()) {
                List<Integer> list = index.computeIfAbsent(code, k -> new ArrayList<>());
                if (list.isEmpty() || list.get(list.size() - 1) != i) {
                    list.add(i);
                }
            }
        }
        this.byJurisdiction = new HashMap<>();
        index.forEach((k, v) -> byJurisdiction.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        this.overrides = new int[norms.length][];
        for (int i = 0; i < norms.length; i++) {
            overrides[i] = norms[i].overrides().stream().map(indexOfId::get).filter(java.util.Objects::nonNull)
                    .mapToInt(Integer::intValue).toArray();
        }
    }

    public Constitution constitution() {
        return constitution;
    }

    /** A candidate norm in a context, with how specifically its scope reaches the context. */
    private record Candidate(int index, Norm norm, int tierRank, int jurisdictionSpec, String via,
                             int domainSpec, int audienceSpec) {
    }

    private record Decision(Principle principle, String reason) {
    }

    public Resolution applicable(Context context) {
        Jurisdictions places = constitution.jurisdictions();
        List<String> covering = places.coveringCodes(context.jurisdiction());
        // Collect candidates: a norm scoped to several covering codes is kept once, at its most specific code.
        Map<Integer, Candidate> candidates = new TreeMap<>();
        for (String code : covering) {
            int[] ids = byJurisdiction.get(code);
            if (ids == null) {
                continue;
            }
            int spec = places.level(code).specificity();
            for (int i : ids) {
                Candidate prior = candidates.get(i);
                if (prior != null && prior.jurisdictionSpec >= spec) {
                    continue;
                }
                Norm n = norms[i];
                if (!n.effective().inForceOn(context.date())) {
                    continue;
                }
                int d = Scope.facetSpecificity(n.scope().domains(), context.domain());
                int a = Scope.facetSpecificity(n.scope().audiences(), context.audience());
                if (d < 0 || a < 0) {
                    continue;
                }
                candidates.put(i, new Candidate(i, n, tierRank[i], spec, code, d, a));
            }
        }
        List<Candidate> cs = new ArrayList<>(candidates.values());
        int n = cs.size();
        Map<Integer, Integer> pos = new HashMap<>();
        for (int k = 0; k < n; k++) {
            pos.put(cs.get(k).index, k);
        }

        // Attack graph: attackers.get(k) = positions that prevail over k (or are unsettled with k).
        List<List<Integer>> attackers = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            attackers.add(new ArrayList<>());
        }
        Map<Long, Decision> decided = new HashMap<>();
        List<int[]> unsettled = new ArrayList<>();
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            byTopic.computeIfAbsent(cs.get(k).norm.topic(), t -> new ArrayList<>()).add(k);
        }
        for (List<Integer> group : byTopic.values()) {
            for (int x = 0; x < group.size(); x++) {
                for (int y = x + 1; y < group.size(); y++) {
                    int p = group.get(x);
                    int q = group.get(y);
                    if (cs.get(p).norm.kind().conflictsWith(cs.get(q).norm.kind())) {
                        settle(cs, p, q, attackers, decided, unsettled);
                    }
                }
            }
        }
        for (int k = 0; k < n; k++) {
            for (int target : overrides[cs.get(k).index]) {
                Integer q = pos.get(target);
                if (q != null && !decided.containsKey(key(k, q)) && !decided.containsKey(key(q, k))
                        && !isUnsettled(unsettled, k, q)) {
                    settle(cs, k, q, attackers, decided, unsettled);
                }
            }
        }

        int[] label = grounded(attackers, n);

        List<Resolution.Applicable> applicable = new ArrayList<>();
        List<Resolution.Overridden> overridden = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Candidate c = cs.get(k);
            if (label[k] == IN) {
                List<String> reasons = new ArrayList<>();
                reasons.add(scopeReason(c, context));
                for (int v = 0; v < n; v++) {
                    Decision d = decided.get(key(k, v));
                    if (d != null && label[v] == OUT) {
                        reasons.add("overrides " + cs.get(v).norm.id() + ": " + d.reason);
                    }
                }
                applicable.add(new Resolution.Applicable(c.norm, reasons));
            } else if (label[k] == OUT) {
                for (int w : attackers.get(k)) {
                    Decision d = decided.get(key(w, k));
                    // An unsettled edge never defeats on its own: k is out because of a settled one.
                    if (label[w] == IN && d != null) {
                        overridden.add(new Resolution.Overridden(c.norm, cs.get(w).norm, d.principle, d.reason));
                        break;
                    }
                }
            }
        }
        return new Resolution(context, applicable, overridden, gaps(cs, label, attackers, unsettled));
    }

    private List<Resolution.Gap> gaps(List<Candidate> cs, int[] label, List<List<Integer>> attackers, List<int[]> unsettled) {
        List<Resolution.Gap> gaps = new ArrayList<>();
        boolean[] placed = new boolean[cs.size()];
        for (int[] pair : unsettled) {
            if (label[pair[0]] != UNDECIDED || label[pair[1]] != UNDECIDED) {
                continue; // the pair's conflict became moot: a third norm overrode one side
            }
            List<Norm> involved = new ArrayList<>(List.of(cs.get(pair[0]).norm, cs.get(pair[1]).norm));
            placed[pair[0]] = true;
            placed[pair[1]] = true;
            // Norms left undecided only because one side of this gap prevails over them.
            for (int k = 0; k < cs.size(); k++) {
                if (label[k] == UNDECIDED && !placed[k]
                        && (attackers.get(k).contains(pair[0]) || attackers.get(k).contains(pair[1]))) {
                    involved.add(cs.get(k).norm);
                    placed[k] = true;
                }
            }
            Candidate a = cs.get(pair[0]);
            Candidate b = cs.get(pair[1]);
            String reason = "same tier (" + a.norm.tier() + "), neither scope more specific ("
                    + a.via + "/" + facets(a.norm) + " vs " + b.via + "/" + facets(b.norm) + "), same effective date";
            gaps.add(new Resolution.Gap(a.norm.topic(), involved, a.norm.tier(),
                    constitution.residualAuthorityFor(a.norm.tier()), reason));
        }
        return gaps;
    }

    private static String facets(Norm n) {
        return String.join(",", n.scope().domains()) + "/" + String.join(",", n.scope().audiences());
    }

    private static boolean isUnsettled(List<int[]> unsettled, int p, int q) {
        for (int[] u : unsettled) {
            if ((u[0] == p && u[1] == q) || (u[0] == q && u[1] == p)) {
                return true;
            }
        }
        return false;
    }

    private void settle(List<Candidate> cs, int p, int q, List<List<Integer>> attackers,
                        Map<Long, Decision> decided, List<int[]> unsettled) {
        Candidate a = cs.get(p);
        Candidate b = cs.get(q);
        int winner;
        Decision d;
        if (a.tierRank != b.tierRank) {
            winner = a.tierRank < b.tierRank ? p : q;
            Candidate w = cs.get(winner);
            Candidate l = cs.get(winner == p ? q : p);
            d = new Decision(Principle.LEX_SUPERIOR, "higher tier (" + w.norm.tier() + " > " + l.norm.tier() + ")");
        } else if (declares(a, b) != declares(b, a)) {
            winner = declares(a, b) ? p : q;
            d = new Decision(Principle.DECLARED_OVERRIDE, "declared override");
        } else if (dominates(a, b) || dominates(b, a)) {
            winner = dominates(a, b) ? p : q;
            Candidate w = cs.get(winner);
            Candidate l = cs.get(winner == p ? q : p);
            d = new Decision(Principle.LEX_SPECIALIS, "more specific scope (" + describe(w) + " vs " + describe(l) + ")");
        } else if (!java.util.Objects.equals(a.norm.effective().from(), b.norm.effective().from())) {
            winner = laterFrom(a, b) ? p : q;
            Candidate w = cs.get(winner);
            Candidate l = cs.get(winner == p ? q : p);
            d = new Decision(Principle.LEX_POSTERIOR, "later effective date (" + fromText(w) + " vs " + fromText(l) + ")");
        } else {
            attackers.get(p).add(q);
            attackers.get(q).add(p);
            unsettled.add(new int[] {p, q});
            return;
        }
        int loser = winner == p ? q : p;
        attackers.get(loser).add(winner);
        decided.put(key(winner, loser), d);
    }

    private boolean declares(Candidate a, Candidate b) {
        for (int t : overrides[a.index]) {
            if (t == b.index) {
                return true;
            }
        }
        return false;
    }

    /** Lex specialis as dominance: at least as specific in jurisdiction, domain and audience, more in one. */
    private static boolean dominates(Candidate a, Candidate b) {
        boolean geq = a.jurisdictionSpec >= b.jurisdictionSpec && a.domainSpec >= b.domainSpec && a.audienceSpec >= b.audienceSpec;
        boolean gt = a.jurisdictionSpec > b.jurisdictionSpec || a.domainSpec > b.domainSpec || a.audienceSpec > b.audienceSpec;
        return geq && gt;
    }

    /** An open start date counts as the earliest. */
    private static boolean laterFrom(Candidate a, Candidate b) {
        if (a.norm.effective().from() == null) {
            return false;
        }
        return b.norm.effective().from() == null || a.norm.effective().from().isAfter(b.norm.effective().from());
    }

    private static String fromText(Candidate c) {
        return c.norm.effective().from() == null ? "always" : c.norm.effective().from().format(DateTimeFormatter.ISO_LOCAL_DATE);
    }

    private static String describe(Candidate c) {
        String domain = c.domainSpec > 0 ? "named domain" : "any domain";
        String audience = c.audienceSpec > 0 ? "named audience" : "any audience";
        return c.via + ", " + domain + ", " + audience;
    }

    private String scopeReason(Candidate c, Context ctx) {
        String where = c.via.equals(ctx.jurisdiction()) ? ctx.jurisdiction()
                : c.via.equals(Scope.ALL) ? ctx.jurisdiction() + " (scope *)" : ctx.jurisdiction() + " within " + c.via;
        String domain = c.domainSpec > 0 ? "domain " + ctx.domain() : "any domain";
        String audience = c.audienceSpec > 0 ? "audience " + ctx.audience() : "any audience";
        String since = c.norm.effective().from() == null ? "" : "; in force since " + c.norm.effective().from();
        return "in scope: " + where + ", " + domain + ", " + audience + since;
    }

    private static long key(int winner, int loser) {
        return ((long) winner << 32) | (loser & 0xffffffffL);
    }

    private static final int UNDECIDED = 0;
    private static final int IN = 1;
    private static final int OUT = 2;

    /** Grounded labelling: IN when all attackers are OUT, OUT when some attacker is IN; the rest undecided. */
    private static int[] grounded(List<List<Integer>> attackers, int n) {
        int[] label = new int[n];
        Arrays.fill(label, UNDECIDED);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int k = 0; k < n; k++) {
                if (label[k] != UNDECIDED) {
                    continue;
                }
                boolean allOut = true;
                boolean someIn = false;
                for (int w : attackers.get(k)) {
                    if (label[w] == IN) {
                        someIn = true;
                    }
                    if (label[w] != OUT) {
                        allOut = false;
                    }
                }
                if (someIn) {
                    label[k] = OUT;
                    changed = true;
                } else if (allOut) {
                    label[k] = IN;
                    changed = true;
                }
            }
        }
        return label;
    }
}
