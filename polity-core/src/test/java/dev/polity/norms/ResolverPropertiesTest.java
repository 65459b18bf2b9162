package dev.polity.norms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of resolution over randomly generated constitutions (issue 2, "Done when"). */
class ResolverPropertiesTest {
    private static final List<String> PLACES = List.of("*", "EU", "EEA", "DE", "DE-BY", "FR", "NO", "US", "US-CA", "KR");
    private static final List<String> CONTEXT_PLACES = List.of("DE", "DE-BY", "FR", "NO", "US", "US-CA", "US-TX", "KR", "JP");
    private static final List<String> DOMAINS = List.of("*", "healthcare", "legal");
    private static final List<String> AUDIENCES = List.of("*", "minor");
    private static final List<LocalDate> DATES = List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 6, 1), LocalDate.of(2026, 9, 1));

    record Case(List<Norm> norms, Context context, long seed) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Norm> norm = Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.of(Constitution.DEFAULT_TIERS),
                Arbitraries.of("t1", "t2", "t3"),
                Arbitraries.of(PLACES).list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.of(DOMAINS),
                Arbitraries.of(AUDIENCES),
                Arbitraries.integers().between(-1, 2),
                Arbitraries.integers().between(0, 40).list().ofMaxSize(2)
        ).as((kind, tier, topic, places, domain, audience, from, overrides) -> Norm.of("n", kind, tier, topic,
                new Scope(places.stream().distinct().toList(), List.of(domain), List.of(audience)),
                from < 0 ? Effective.ALWAYS : new Effective(DATES.get(from).minusDays(1), null),
                overrides.stream().map(i -> "n" + i).toList()));
        Arbitrary<List<Norm>> norms = norm.list().ofMinSize(1).ofMaxSize(25).map(ResolverPropertiesTest::numbered);
        Arbitrary<Context> context = Combinators.combine(
                Arbitraries.of(CONTEXT_PLACES), Arbitraries.of("", "healthcare", "legal"), Arbitraries.of("", "minor"), Arbitraries.of(DATES))
                .as(Context::new);
        return Combinators.combine(norms, context, Arbitraries.longs()).as(Case::new);
    }

    /** Gives the generated norms ids n0, n1, ... and drops overrides of ids that do not exist or of themselves. */
    private static List<Norm> numbered(List<Norm> ns) {
        List<Norm> out = new ArrayList<>();
        for (int i = 0; i < ns.size(); i++) {
            Norm n = ns.get(i);
            String id = "n" + i;
            List<String> ov = n.overrides().stream().filter(o -> Integer.parseInt(o.substring(1)) < ns.size() && !o.equals(id)).toList();
            out.add(Norm.of(id, n.kind(), n.tier(), n.topic(), n.scope(), n.effective(), ov));
        }
        return out;
    }

    private static Resolution resolve(List<Norm> norms, Context ctx) {
        return new Resolver(Constitution.of(norms)).applicable(ctx);
    }

    @Property(tries = 400)
    void deterministicAndIndependentOfOrder(@ForAll("cases") Case c) {
        Resolution first = resolve(c.norms, c.context);
        List<Norm> shuffled = new ArrayList<>(c.norms);
        Collections.shuffle(shuffled, new Random(c.seed));
        assertThat(resolve(shuffled, c.context).asMap()).isEqualTo(first.asMap());
        assertThat(resolve(c.norms, c.context).asMap()).isEqualTo(first.asMap());
    }

    @Property(tries = 400)
    void aNormNeverAppliesOutsideItsScope(@ForAll("cases") Case c) {
        Jurisdictions places = Jurisdictions.standard();
        for (Resolution.Applicable a : resolve(c.norms, c.context).norms()) {
            Scope s = a.norm().scope();
            assertThat(s.jurisdictions()).anyMatch(j -> places.covers(j, c.context.jurisdiction()));
            assertThat(s.domains()).anyMatch(d -> d.equals("*") || d.equals(c.context.domain()));
            assertThat(s.audiences()).anyMatch(x -> x.equals("*") || x.equals(c.context.audience()));
            assertThat(a.norm().effective().inForceOn(c.context.date())).isTrue();
        }
    }

    @Property(tries = 400)
    void aHigherTierNormIsNeverOverriddenByALowerOne(@ForAll("cases") Case c) {
        Constitution constitution = Constitution.of(c.norms);
        Resolution r = new Resolver(constitution).applicable(c.context);
        for (Resolution.Overridden o : r.overridden()) {
            assertThat(constitution.tierRank(o.by().tier())).isLessThanOrEqualTo(constitution.tierRank(o.norm().tier()));
        }
        // The highest-tier norm in scope on each topic is never lost to a lower tier: it applies or sits in a gap.
        for (Resolution.Overridden o : r.overridden()) {
            assertThat(o.principle() == Principle.LEX_SUPERIOR).isEqualTo(!o.by().tier().equals(o.norm().tier()));
        }
        for (Resolution.Gap g : r.gaps()) {
            assertThat(g.norms().get(0).tier()).isEqualTo(g.norms().get(1).tier());
        }
    }

    @Property(tries = 400)
    void addingANormOutsideTheContextChangesNothing(@ForAll("cases") Case c,
                                                    @ForAll("outside") Norm extra) {
        Norm outsider = outsideOf(extra, c.context);
        List<Norm> more = new ArrayList<>(c.norms);
        more.add(outsider);
        assertThat(resolve(more, c.context).asMap()).isEqualTo(resolve(c.norms, c.context).asMap());
    }

    @Provide
    Arbitrary<Norm> outside() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.of(Constitution.DEFAULT_TIERS),
                        Arbitraries.of("t1", "t2", "t3"), Arbitraries.integers().between(0, 24).list().ofMaxSize(3))
                .as((kind, tier, topic, ov) -> Norm.of("zz.extra", kind, tier, topic, Scope.EVERYWHERE, Effective.ALWAYS,
                        ov.stream().map(i -> "n" + i).toList()));
    }

    /** Moves a norm's scope to a place, domain or date that does not cover the context. */
    private static Norm outsideOf(Norm n, Context ctx) {
        Scope scope;
        Effective eff = Effective.ALWAYS;
        int pick = Math.floorMod(n.topic().hashCode() + n.kind().ordinal(), 3);
        if (pick == 0) {
            String far = ctx.jurisdiction().startsWith("KR") ? "FR" : "KR";
            scope = new Scope(List.of(far), List.of("*"), List.of("*"));
        } else if (pick == 1) {
            String other = "healthcare".equals(ctx.domain()) ? "legal" : "healthcare";
            scope = new Scope(List.of("*"), List.of(other), List.of("*"));
        } else {
            scope = Scope.EVERYWHERE;
            eff = new Effective(ctx.date().plusDays(1), null);
        }
        return Norm.of(n.id(), n.kind(), n.tier(), n.topic(), scope, eff, n.overrides());
    }
}
