package dev.polity.norms;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>Why one class of about 500 lines: the index, the per-thread candidate arrays and the conflict sort
 * are one measured fast path (docs/PERFORMANCE.md, 117 µs per context); split apart, each piece would
 * have to expose the stamped arrays the others rely on.
 */
public final class Resolver {
    private final Constitution constitution;
    private final Norm[] norms;
    private final int[] tierRank;
    private final Map<String, int[]> byJurisdiction;
    private final Map<String, Integer> indexOfId;
    private final int[][] overrides;
    private final int[] topicId;
    private final long[] from;
    private final long[] until;
    private final Map<String, Integer> domainVocabulary;
    private final Map<String, Integer> audienceVocabulary;
    private final long[] domainMask;
    private final boolean[] domainStar;
    private final long[] audienceMask;
    private final boolean[] audienceStar;

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
        this.topicId = new int[norms.length];
        Map<String, Integer> topics = new HashMap<>();
        for (int i = 0; i < norms.length; i++) {
            topicId[i] = topics.computeIfAbsent(norms[i].topic(), t -> topics.size());
        }
        this.from = new long[norms.length];
        this.until = new long[norms.length];
        this.domainVocabulary = new HashMap<>();
        this.audienceVocabulary = new HashMap<>();
        this.domainMask = new long[norms.length];
        this.domainStar = new boolean[norms.length];
        this.audienceMask = new long[norms.length];
        this.audienceStar = new boolean[norms.length];
        for (int i = 0; i < norms.length; i++) {
            Effective e = norms[i].effective();
            from[i] = e.from() == null ? Long.MIN_VALUE : e.from().toEpochDay();
            until[i] = e.until() == null ? Long.MAX_VALUE : e.until().toEpochDay();
            domainStar[i] = norms[i].scope().domains().contains(Scope.ALL);
            audienceStar[i] = norms[i].scope().audiences().contains(Scope.ALL);
            domainMask[i] = mask(domainVocabulary, norms[i].scope().domains());
            audienceMask[i] = mask(audienceVocabulary, norms[i].scope().audiences());
        }
        this.overrides = new int[norms.length][];
        for (int i = 0; i < norms.length; i++) {
            overrides[i] = norms[i].overrides().stream().map(indexOfId::get).filter(java.util.Objects::nonNull)
                    .mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Bit mask of a facet list over a vocabulary that grows as it meets new values. Beyond 63 distinct
     * values a facet cannot be represented; such constitutions are refused rather than resolved wrongly.
     */
    private static long mask(Map<String, Integer> vocabulary, List<String> values) {
        long m = 0;
        for (String v : values) {
            if (v.equals(Scope.ALL)) {
                continue;
            }
            Integer bit = vocabulary.computeIfAbsent(v, k -> vocabulary.size());
            if (bit >= 63) {
                throw new IllegalArgumentException("more than 63 distinct domains or audiences are not supported");
            }
            m |= 1L << bit;
        }
        return m;
    }

    public Constitution constitution() {
        return constitution;
    }

    /** A candidate norm in a context, with how specifically its scope reaches the context. */
    private record Candidate(int index, Norm norm, int tierRank, int jurisdictionSpec, String via,
                             int domainSpec, int audienceSpec) {
    }

    /** Why one candidate prevails over another; the reason is spelt out only when a report needs it. */
    private record Decision(Principle principle, Candidate winner, Candidate loser) {
        String reason() {
            return switch (principle) {
                case LEX_SUPERIOR -> "higher tier (" + winner.norm.tier() + " > " + loser.norm.tier() + ")";
                case DECLARED_OVERRIDE -> "declared override";
                case LEX_SPECIALIS -> "more specific scope (" + describe(winner) + " vs " + describe(loser) + ")";
                case LEX_POSTERIOR -> "later effective date (" + fromText(winner) + " vs " + fromText(loser) + ")";
            };
        }
    }

    /** A settled conflict: {@code winner} (a position among the candidates) prevails over {@code loser}. */
    private record Edge(int winner, int loser, Decision decision) {
    }

    public Resolution applicable(Context context) {
        List<Candidate> cs = candidates(context);
        int n = cs.size();

        // Attack graph: attackers[k] = positions that prevail over k, or that are unsettled with k.
        int[][] attackers = new int[n][];
        int[] attackerCount = new int[n];
        List<Edge> edges = new ArrayList<>();
        List<int[]> unsettled = new ArrayList<>();
        java.util.Set<Long> seen = null;
        // Conflicts on a topic: sort (topic, position) keys so each topic's candidates lie side by side.
        long[] byTopic = new long[n];
        for (int k = 0; k < n; k++) {
            byTopic[k] = (long) topicId[cs.get(k).index] << 32 | k;
        }
        java.util.Arrays.sort(byTopic);
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && (byTopic[end] >>> 32) == (byTopic[start] >>> 32)) {
                end++;
            }
            for (int x = start; x < end; x++) {
                for (int y = x + 1; y < end; y++) {
                    int p = (int) byTopic[x];
                    int q = (int) byTopic[y];
                    if (cs.get(p).norm.kind().conflictsWith(cs.get(q).norm.kind())) {
                        settle(cs, p, q, edges, unsettled);
                    }
                }
            }
            start = end;
        }
        Map<Integer, Integer> pos = null;
        for (int k = 0; k < n; k++) {
            int[] targets = overrides[cs.get(k).index];
            if (targets.length == 0) {
                continue;
            }
            if (pos == null) {
                pos = new HashMap<>();
                for (int m = 0; m < n; m++) {
                    pos.put(cs.get(m).index, m);
                }
            }
            for (int target : targets) {
                Integer q = pos.get(target);
                // A pair on one topic with opposite polarity was settled above; settle each other pair once.
                if (q == null || topicConflict(cs.get(k), cs.get(q))) {
                    continue;
                }
                if (seen == null) {
                    seen = new java.util.HashSet<>();
                }
                if (seen.add(pair(k, q))) {
                    settle(cs, k, q, edges, unsettled);
                }
            }
        }
        for (Edge e : edges) {
            attackerCount[e.loser]++;
        }
        for (int[] u : unsettled) {
            attackerCount[u[0]]++;
            attackerCount[u[1]]++;
        }
        for (int k = 0; k < n; k++) {
            attackers[k] = attackerCount[k] == 0 ? NO_ATTACKERS : new int[attackerCount[k]];
            attackerCount[k] = 0;
        }
        for (Edge e : edges) {
            attackers[e.loser][attackerCount[e.loser]++] = e.winner;
        }
        for (int[] u : unsettled) {
            attackers[u[0]][attackerCount[u[0]]++] = u[1];
            attackers[u[1]][attackerCount[u[1]]++] = u[0];
        }

        int[] label = grounded(attackers, n);

        @SuppressWarnings("unchecked")
        List<Resolution.Prevails>[] wins = new List[n];
        Edge[] overriddenBy = new Edge[n];
        for (Edge e : edges) {
            // An unsettled edge never defeats on its own: a norm is out because of a settled edge from a winner.
            if (label[e.winner] == IN && label[e.loser] == OUT) {
                if (wins[e.winner] == null) {
                    wins[e.winner] = new ArrayList<>(2);
                }
                wins[e.winner].add(new Resolution.Prevails(cs.get(e.loser).norm, e.decision.principle, e.decision.reason()));
                Edge prior = overriddenBy[e.loser];
                // Report the strongest canon that defeats it (lex superior first), then the first winner by id.
                if (prior == null || e.decision.principle.ordinal() < prior.decision.principle.ordinal()
                        || (e.decision.principle == prior.decision.principle && e.winner < prior.winner)) {
                    overriddenBy[e.loser] = e;
                }
            }
        }
        List<Resolution.Applicable> applicable = new ArrayList<>();
        List<Resolution.Overridden> overridden = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Candidate c = cs.get(k);
            if (label[k] == IN) {
                List<Resolution.Prevails> won = wins[k] == null ? List.of() : wins[k];
                if (won.size() > 1) {
                    won.sort(java.util.Comparator.comparing(p -> p.over().id()));
                }
                applicable.add(new Resolution.Applicable(c.norm,
                        new Resolution.Reach(context, c.via, c.domainSpec > 0, c.audienceSpec > 0), won));
            } else if (label[k] == OUT) {
                Edge e = overriddenBy[k];
                overridden.add(new Resolution.Overridden(c.norm, cs.get(e.winner).norm, e.decision.principle, e.decision.reason()));
            }
        }
        List<Resolution.Gap> gaps = unsettled.isEmpty() ? List.of() : gaps(cs, label, attackers, unsettled);
        return new Resolution(context, applicable, overridden, gaps);
    }

    /**
     * The norms in scope and in force, sorted by id; a norm scoped to several covering codes is kept once,
     * at its most specific code. Works on precomputed arrays (dates as epoch days, facets as bit masks) and
     * a per-thread scratch array stamped per call, so the cost is a few array reads per indexed norm.
     */
    private List<Candidate> candidates(Context context) {
        Jurisdictions places = constitution.jurisdictions();
        List<String> covering = places.coveringCodes(context.jurisdiction());
        Scratch scratch = SCRATCH.get().fit(norms.length);
        int stamp = scratch.next();
        long day = context.date().toEpochDay();
        long domainBit = facetBit(domainVocabulary, context.domain());
        long audienceBit = facetBit(audienceVocabulary, context.audience());
        int count = 0;
        int[] found = scratch.found;
        for (String code : covering) {
            int[] ids = byJurisdiction.get(code);
            if (ids == null) {
                continue;
            }
            int spec = places.level(code).specificity();
            for (int i : ids) {
                if (scratch.stamp[i] == stamp) {
                    if (scratch.spec[i] < spec) {
                        scratch.spec[i] = spec;
                        scratch.via[i] = code;
                    }
                    continue;
                }
                if (day < from[i] || day >= until[i]) {
                    continue;
                }
                int d = facet(domainMask[i], domainStar[i], domainBit);
                int a = facet(audienceMask[i], audienceStar[i], audienceBit);
                if (d < 0 || a < 0) {
                    continue;
                }
                scratch.stamp[i] = stamp;
                scratch.spec[i] = spec;
                scratch.via[i] = code;
                scratch.facets[i] = d << 1 | a;
                found[count++] = i;
            }
        }
        java.util.Arrays.sort(found, 0, count); // norms are indexed in id order
        List<Candidate> cs = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int i = found[k];
            cs.add(new Candidate(i, norms[i], tierRank[i], scratch.spec[i], scratch.via[i], scratch.facets[i] >> 1, scratch.facets[i] & 1));
        }
        return cs;
    }

    /** 1 when the mask names the value, 0 when the facet is {@code *}, -1 when it does not cover the value. */
    private static int facet(long mask, boolean star, long bit) {
        if ((mask & bit) != 0) {
            return 1;
        }
        return star ? 0 : -1;
    }

    private static long facetBit(Map<String, Integer> vocabulary, String value) {
        Integer b = value == null ? null : vocabulary.get(value);
        return b == null ? 0L : 1L << b;
    }

    /** Per-thread working arrays; a new stamp per call stands in for clearing them. */
    private static final class Scratch {
        int[] stamp = new int[0];
        int[] spec = new int[0];
        int[] facets = new int[0];
        int[] found = new int[0];
        String[] via = new String[0];
        int current;

        Scratch fit(int n) {
            if (stamp.length < n) {
                stamp = new int[n];
                spec = new int[n];
                facets = new int[n];
                found = new int[n];
                via = new String[n];
                current = 0;
            }
            return this;
        }

        int next() {
            if (++current == Integer.MAX_VALUE) {
                java.util.Arrays.fill(stamp, 0);
                current = 1;
            }
            return current;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private boolean topicConflict(Candidate a, Candidate b) {
        return topicId[a.index] == topicId[b.index] && a.norm.kind().conflictsWith(b.norm.kind());
    }

    private static final int[] NO_ATTACKERS = new int[0];

    private static long pair(int p, int q) {
        return p < q ? ((long) p << 32) | q : ((long) q << 32) | p;
    }

    private List<Resolution.Gap> gaps(List<Candidate> cs, int[] label, int[][] attackers, List<int[]> unsettled) {
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
                if (label[k] == UNDECIDED && !placed[k] && (contains(attackers[k], pair[0]) || contains(attackers[k], pair[1]))) {
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

    private static boolean contains(int[] xs, int x) {
        for (int v : xs) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    private void settle(List<Candidate> cs, int p, int q, List<Edge> edges, List<int[]> unsettled) {
        Candidate a = cs.get(p);
        Candidate b = cs.get(q);
        int winner;
        Principle principle;
        if (a.tierRank != b.tierRank) {
            winner = a.tierRank < b.tierRank ? p : q;
            principle = Principle.LEX_SUPERIOR;
        } else if (declares(a, b) != declares(b, a)) {
            winner = declares(a, b) ? p : q;
            principle = Principle.DECLARED_OVERRIDE;
        } else if (dominates(a, b) || dominates(b, a)) {
            winner = dominates(a, b) ? p : q;
            principle = Principle.LEX_SPECIALIS;
        } else if (!java.util.Objects.equals(a.norm.effective().from(), b.norm.effective().from())) {
            winner = laterFrom(a, b) ? p : q;
            principle = Principle.LEX_POSTERIOR;
        } else {
            unsettled.add(new int[] {p, q});
            return;
        }
        int loser = winner == p ? q : p;
        edges.add(new Edge(winner, loser, new Decision(principle, cs.get(winner), cs.get(loser))));
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

    static String fromText(Candidate c) {
        return c.norm.effective().from() == null ? "always" : c.norm.effective().from().format(DateTimeFormatter.ISO_LOCAL_DATE);
    }

    static String describe(Candidate c) {
        String domain = c.domainSpec > 0 ? "named domain" : "any domain";
        String audience = c.audienceSpec > 0 ? "named audience" : "any audience";
        return c.via + ", " + domain + ", " + audience;
    }

    private static final int UNDECIDED = 0;
    private static final int IN = 1;
    private static final int OUT = 2;

    /** Grounded labelling: IN when all attackers are OUT, OUT when some attacker is IN; the rest undecided. */
    private static int[] grounded(int[][] attackers, int n) {
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
                for (int w : attackers[k]) {
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
