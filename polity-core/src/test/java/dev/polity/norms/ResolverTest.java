package dev.polity.norms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-worked resolutions: one test per canon, the grounded semantics, and gaps. */
class ResolverTest {
    private static final LocalDate DAY = LocalDate.of(2026, 9, 1);

    private static Norm norm(String id, Kind kind, String tier, String topic, List<String> places, String domain) {
        return Norm.of(id, kind, tier, topic, new Scope(places, List.of(domain), List.of("*")), Effective.ALWAYS, List.of());
    }

    private static Resolution resolve(List<Norm> norms, String place, String domain) {
        return new Resolver(Constitution.of(norms)).applicable(new Context(place, domain, null, DAY));
    }

    @Test
    void lexSuperiorHigherTierPrevails() {
        Norm law = norm("law.disclose", Kind.MUST, "law", "ai-disclosure", List.of("EU"), "*");
        Norm op = norm("op.persona", Kind.SHOULD_NOT, "operator", "ai-disclosure", List.of("*"), "*");
        Resolution de = resolve(List.of(op, law), "DE", null);
        assertThat(de.applicableIds()).containsExactly("law.disclose");
        assertThat(de.overridden()).singleElement().satisfies(o -> {
            assertThat(o.norm().id()).isEqualTo("op.persona");
            assertThat(o.principle()).isEqualTo(Principle.LEX_SUPERIOR);
            assertThat(o.reason()).isEqualTo("higher tier (law > operator)");
        });
        assertThat(de.norms().get(0).reasons()).containsExactly(
                "in scope: DE within EU, any domain, any audience", "overrides op.persona: higher tier (law > operator)");
        // Outside the EU the law is not in scope, so the operator's norm applies.
        assertThat(resolve(List.of(op, law), "US", null).applicableIds()).containsExactly("op.persona");
    }

    @Test
    void lexSpecialisSubdivisionOverCountryOverGrouping() {
        Norm eu = norm("eu.consent-age", Kind.MUST, "law", "age", List.of("EU"), "*");
        Norm de = norm("de.consent-age", Kind.MUST_NOT, "law", "age", List.of("DE"), "*");
        Norm by = norm("by.consent-age", Kind.MAY, "law", "age", List.of("DE-BY"), "*");
        List<Norm> all = List.of(eu, de, by);
        assertThat(resolve(all, "FR", null).applicableIds()).containsExactly("eu.consent-age");
        assertThat(resolve(all, "DE-HE", null).applicableIds()).containsExactly("de.consent-age");
        Resolution bavaria = resolve(all, "DE-BY", null);
        // by beats de (3 > 2); de is out so its defeat of eu does not count; eu (positive) and by (positive) agree.
        assertThat(bavaria.applicableIds()).containsExactly("by.consent-age", "eu.consent-age");
        assertThat(bavaria.overridden()).singleElement().satisfies(o -> {
            assertThat(o.norm().id()).isEqualTo("de.consent-age");
            assertThat(o.by().id()).isEqualTo("by.consent-age");
            assertThat(o.principle()).isEqualTo(Principle.LEX_SPECIALIS);
        });
    }

    @Test
    void namedDomainIsMoreSpecificThanStar() {
        Norm general = norm("c.may-dose", Kind.MAY, "community", "dosage", List.of("*"), "*");
        Norm health = norm("c.no-dose", Kind.SHOULD_NOT, "community", "dosage", List.of("*"), "healthcare");
        assertThat(resolve(List.of(general, health), "FR", "healthcare").applicableIds()).containsExactly("c.no-dose");
        assertThat(resolve(List.of(general, health), "FR", "legal").applicableIds()).containsExactly("c.may-dose");
    }

    @Test
    void incomparableScopesFallToLexPosteriorThenToAGap() {
        Norm countryAnyDomain = Norm.of("a.country", Kind.MUST, "operator", "t", new Scope(List.of("DE"), List.of("*"), List.of("*")),
                new Effective(LocalDate.of(2025, 1, 1), null), List.of());
        Norm starHealthcare = Norm.of("b.domain", Kind.MUST_NOT, "operator", "t", new Scope(List.of("*"), List.of("healthcare"), List.of("*")),
                new Effective(LocalDate.of(2026, 1, 1), null), List.of());
        Resolution r = resolve(List.of(countryAnyDomain, starHealthcare), "DE", "healthcare");
        assertThat(r.applicableIds()).containsExactly("b.domain");
        assertThat(r.overridden().get(0).principle()).isEqualTo(Principle.LEX_POSTERIOR);
        assertThat(r.overridden().get(0).reason()).isEqualTo("later effective date (2026-01-01 vs 2025-01-01)");

        Norm sameDate = Norm.of("b.domain", Kind.MUST_NOT, "operator", "t", starHealthcare.scope(), countryAnyDomain.effective(), List.of());
        Constitution c = new Constitution("c", "1", Constitution.DEFAULT_TIERS, Map.of("operator", "the operator's ethics board"),
                Jurisdictions.standard(), java.util.Set.of(), java.util.Set.of(), List.of(countryAnyDomain, sameDate), List.of(), "");
        Resolution gap = new Resolver(c).applicable(new Context("DE", "healthcare", null, DAY));
        assertThat(gap.norms()).isEmpty();
        assertThat(gap.gaps()).singleElement().satisfies(g -> {
            assertThat(g.norms()).extracting(Norm::id).containsExactly("a.country", "b.domain");
            assertThat(g.residualAuthority()).isEqualTo("the operator's ethics board");
            assertThat(g.tier()).isEqualTo("operator");
        });
    }

    @Test
    void declaredOverrideWinsWithinATierEvenAcrossTopics() {
        Norm old = norm("op.old", Kind.MUST, "operator", "greeting", List.of("*"), "*");
        Norm replacement = Norm.of("op.new", Kind.MUST, "operator", "salutation", Scope.EVERYWHERE, Effective.ALWAYS, List.of("op.old"));
        Resolution r = resolve(List.of(old, replacement), "JP", null);
        assertThat(r.applicableIds()).containsExactly("op.new");
        assertThat(r.overridden().get(0).principle()).isEqualTo(Principle.DECLARED_OVERRIDE);
    }

    @Test
    void samePolarityNormsOnATopicBothApply() {
        Norm must = norm("a", Kind.MUST, "law", "t", List.of("*"), "*");
        Norm should = norm("b", Kind.SHOULD, "community", "t", List.of("*"), "*");
        assertThat(resolve(List.of(must, should), "BR", null).applicableIds()).containsExactly("a", "b");
    }

    @Test
    void aDefeatedNormDefeatsNothing() {
        // law (+) beats operator (-); operator (-) would beat community (+) but is itself out.
        Norm law = norm("law", Kind.MUST, "law", "t", List.of("*"), "*");
        Norm op = norm("op", Kind.MUST_NOT, "operator", "t", List.of("*"), "*");
        Norm community = norm("community", Kind.SHOULD, "community", "t", List.of("*"), "*");
        Resolution r = resolve(List.of(law, op, community), "IN", null);
        assertThat(r.applicableIds()).containsExactly("community", "law");
        assertThat(r.overridden()).extracting(o -> o.norm().id()).containsExactly("op");
    }

    @Test
    void normsNotInForceAreNotCandidates() {
        Norm later = Norm.of("later", Kind.MUST, "law", "t", Scope.EVERYWHERE, new Effective(LocalDate.of(2027, 1, 1), null), List.of());
        Norm expired = Norm.of("expired", Kind.MUST, "law", "u", Scope.EVERYWHERE, new Effective(null, LocalDate.of(2026, 9, 1)), List.of());
        assertThat(resolve(List.of(later, expired), "DE", null).norms()).isEmpty();
    }

    @Test
    void userGroupingsCoverTheirMembersSubdivisions() {
        Jurisdictions places = Jurisdictions.standard().with(Map.of("US-STATES-WITH-AI-LAWS", List.of("US-CA", "US-UT"),
                "NORTH-AMERICA", List.of("US", "CA", "MX")), Map.of());
        assertThat(places.covers("US-STATES-WITH-AI-LAWS", "US-CA")).isTrue();
        assertThat(places.covers("US-STATES-WITH-AI-LAWS", "US-TX")).isFalse();
        assertThat(places.covers("NORTH-AMERICA", "US-TX")).isTrue();
        assertThat(places.covers("EU", "DE-BY")).isTrue();
        assertThat(places.covers("EEA", "NO")).isTrue();
        assertThat(places.covers("EU", "NO")).isFalse();
        assertThat(places.coveringCodes("DE-BY")).containsExactly("DE-BY", "DE", "EEA", "EU", "*");
        assertThat(Jurisdictions.EU_MEMBERS).hasSize(27);
    }
}
