package dev.polity.norms;

import dev.polity.input.Diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The bundled starter constitution: its size and coverage, a clean lint, and the outcome of each of its
 * deliberate conflicts in contexts where that outcome differs. Every expected outcome below was worked
 * out by hand from the canons (tier, declared override, lex specialis as dominance, lex posterior) and
 * the norms' scopes and dates, before it was pinned.
 */
class StarterConstitutionTest {
    private static final LocalDate AFTER_AI_ACT_ART50 = LocalDate.of(2026, 9, 1);
    private static final String COMMUNITY_AUTHORITY = "the operator's public deliberation panel, reconvened on the disputed topic";

    private static Constitution starter;
    private static Resolver resolver;

    @BeforeAll
    static void load() {
        String repo = System.getProperty("polity.repo");
        assertNotNull(repo, "surefire sets polity.repo to the repository root");
        Path file = Path.of(repo, "constitutions", "starter.yaml");
        assertTrue(Files.isRegularFile(file), "missing " + file);
        starter = ConstitutionLoader.load(file);
        resolver = new Resolver(starter);
    }

    private static Resolution at(String jurisdiction, String domain, String audience, LocalDate date) {
        return resolver.applicable(new Context(jurisdiction, domain, audience, date));
    }

    private static Resolution at(String jurisdiction, String domain, String audience) {
        return at(jurisdiction, domain, audience, AFTER_AI_ACT_ART50);
    }

    private static void assertApplies(Resolution r, String id) {
        assertTrue(r.applies(id), id + " should apply in " + r.context() + "; applicable: " + r.applicableIds());
        assertTrue(r.overridden().stream().noneMatch(o -> o.norm().id().equals(id)));
    }

    private static void assertOverridden(Resolution r, String id, String by, Principle principle) {
        assertFalse(r.applies(id), id + " should not apply in " + r.context());
        Resolution.Overridden o = r.overridden().stream().filter(x -> x.norm().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not overridden in " + r.context() + ": " + r.overridden()));
        assertEquals(by, o.by().id(), "who overrides " + id + " in " + r.context());
        assertEquals(principle, o.principle(), "why " + id + " is overridden in " + r.context());
        assertTrue(r.applies(by), by + " should apply in " + r.context());
    }

    /** Neither applicable nor overridden nor in a gap: out of scope or not in force. */
    private static void assertAbsent(Resolution r, String id) {
        assertFalse(r.applies(id), id + " should not apply in " + r.context());
        assertTrue(r.overridden().stream().noneMatch(o -> o.norm().id().equals(id)), id + " should not be a candidate in " + r.context());
        assertTrue(r.gaps().stream().flatMap(g -> g.norms().stream()).noneMatch(n -> n.id().equals(id)));
    }

    private static void assertNoGaps(Resolution r) {
        assertEquals(List.of(), r.gaps(), "gaps in " + r.context());
    }

    @Test
    void isLargeEnoughAndCoversManyPlaces() {
        assertTrue(starter.norms().size() >= 60, "norms: " + starter.norms().size());
        Set<String> places = starter.norms().stream().flatMap(n -> n.scope().jurisdictions().stream())
                .filter(j -> !j.equals(Scope.ALL)).collect(Collectors.toCollection(TreeSet::new));
        Set<String> countriesAndSubdivisions = places.stream()
                .filter(j -> starter.jurisdictions().level(j) != Jurisdiction.Level.GROUPING)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(countriesAndSubdivisions.size() >= 8, "jurisdictions used: " + places);
        assertTrue(places.containsAll(Set.of("EU", "EEA", "US-STATES-WITH-AI-LAWS")), "groupings used: " + places);
        assertEquals(List.of("law", "regulation", "operator", "community", "user"), starter.tiers());
        for (String tier : starter.tiers()) {
            assertFalse(starter.residualAuthorityFor(tier).startsWith("unassigned"), "residual authority for " + tier);
        }
        assertEquals(12, starter.files().size(), "entry file, the shared lexicons and ten layers");
    }

    @Test
    void everyNormIsSourcedCheckableAndAttributed() {
        long withExamples = 0;
        for (Norm n : starter.norms()) {
            assertNotNull(n.source(), n.id() + " has no source");
            assertNotNull(n.source().citation(), n.id() + " has no citation");
            assertFalse(n.checks().isEmpty(), n.id() + " has no checks");
            assertFalse(n.provenance().isEmpty(), n.id() + " has no provenance");
            assertFalse(n.values().isEmpty(), n.id() + " names no values");
            if (!n.examples().compliant().isEmpty() || !n.examples().violating().isEmpty()) {
                withExamples++;
            }
        }
        assertTrue(withExamples * 4 >= starter.norms().size() * 3L, "most norms carry examples: " + withExamples);
    }

    @Test
    void lintsCleanWithOnlyTheDeliberateGap() {
        // A fixed "today": Utah's AI Policy Act sunsets on 2027-07-01, after which lint rightly reports it unreachable.
        Lint.Report report = Lint.check(starter, LocalDate.of(2026, 12, 1));
        assertFalse(report.hasErrors(), report.findings().toString());
        List<Diagnostic> warnings = report.findings().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).message().startsWith("gap: community.politics.no-personal-view and community.politics.reasoned-view-on-request"),
                warnings.get(0).message());
        assertTrue(warnings.get(0).message().endsWith("residual authority: " + COMMUNITY_AUTHORITY));
        assertTrue(report.conflicts().size() >= 7, "conflicts: " + report.conflicts().size());
        Lint.Conflict politics = report.conflicts().stream()
                .filter(c -> c.a().id().equals("community.politics.no-personal-view")).findFirst().orElseThrow();
        assertTrue(politics.variesByContext(), "a gap in Germany, settled by lex specialis in Austria: " + politics.outcomes());
    }

    /** Conflict 1: a branded persona that does not announce it is an AI, against AI-disclosure laws. */
    @Nested
    class PersonaAgainstDisclosureLaws {
        private static final String PERSONA = "operator.persona.stay-in-character";

        @Test
        void euLawPrevailsOnceArticle50Applies() {
            assertOverridden(at("DE", "general", "adult"), PERSONA, "eu.ai-act.art50.disclose-ai-interaction", Principle.LEX_SUPERIOR);
            Resolution before = at("DE", "general", "adult", LocalDate.of(2026, 8, 1));
            assertApplies(before, PERSONA);
            assertAbsent(before, "eu.ai-act.art50.disclose-ai-interaction");
        }

        @Test
        void koreanLawPrevailsFromJanuary2026() {
            assertOverridden(at("KR", "general", null), PERSONA, "kr.ai-basic-act.art31.notify-generative-ai", Principle.LEX_SUPERIOR);
            assertApplies(at("KR", "general", null, LocalDate.of(2026, 1, 21)), PERSONA);
        }

        @Test
        void operatorsOwnStatePolicyPrevailsInStatesWithAiLawsByLexSpecialis() {
            // New York's statute covers only companions, so in general chat the operator's grouping-level policy
            // (grouping beats `*`, same tier) is what displaces the persona.
            assertOverridden(at("US-NY", "general", "adult"), PERSONA, "operator.compliance.disclose-in-ai-law-states", Principle.LEX_SPECIALIS);
            // In California the bot-disclosure statute also beats it, on tier.
            Resolution ca = at("US-CA", "general", "adult");
            assertFalse(ca.applies(PERSONA));
            Resolution.Applicable sb1001 = ca.norms().stream().filter(a -> a.norm().id().equals("us-ca.sb1001.bot-disclosure"))
                    .findFirst().orElseThrow();
            assertTrue(sb1001.reasons().contains("overrides " + PERSONA + ": higher tier (law > operator)"), sb1001.reasons().toString());
        }

        @Test
        void personaAppliesWhereNoDisclosureRuleReaches() {
            for (String place : List.of("JP", "US-FL", "GB", "BR")) {
                Resolution r = at(place, "general", "adult");
                assertApplies(r, PERSONA);
                assertAbsent(r, "operator.compliance.disclose-in-ai-law-states");
            }
        }

        @Test
        void texasDisclosureDependsOnTheDomain() {
            Resolution admin = at("US-TX", "public-administration", "adult");
            assertFalse(admin.applies(PERSONA));
            assertApplies(admin, "us-tx.hb149.government-and-health-disclosure");
            assertAbsent(at("US-TX", "general", "adult"), "us-tx.hb149.government-and-health-disclosure");
        }
    }

    /** Conflict 2: the GDPR's default age of digital consent (16) against member states' lower ages. */
    @Nested
    class AgeOfDigitalConsent {
        private static final String EU_DEFAULT = "eu.gdpr.art8.own-consent-under-16";

        @Test
        void memberStateAgesPrevailByLexSpecialis() {
            assertOverridden(at("ES", "general", "minor"), EU_DEFAULT, "es.lopdgdd.art7.own-consent-from-14", Principle.LEX_SPECIALIS);
            assertOverridden(at("FR", "education", "minor"), EU_DEFAULT, "fr.loi-informatique-libertes.art45.own-consent-from-15", Principle.LEX_SPECIALIS);
            assertOverridden(at("BE", null, "minor"), EU_DEFAULT, "be.loi-2018-07-30.art7.own-consent-from-13", Principle.LEX_SPECIALIS);
            assertOverridden(at("IT", "general", "minor"), EU_DEFAULT, "it.codice-privacy.art2-quinquies.own-consent-from-14", Principle.LEX_SPECIALIS);
        }

        @Test
        void theDefaultHoldsWhereNoMemberStateLawLowersIt() {
            for (String place : List.of("DE", "DE-BY", "IE", "NL")) {
                Resolution r = at(place, "general", "minor");
                assertApplies(r, EU_DEFAULT);
                assertTrue(r.overridden().stream().noneMatch(o -> o.norm().topic().equals("child-data.own-consent")));
            }
        }

        @Test
        void onlyForMinorsAndOnlyInTheEu() {
            assertAbsent(at("ES", "general", "adult"), EU_DEFAULT);
            Resolution uk = at("GB", "general", "minor");
            assertApplies(uk, "gb.dpa2018.s9.own-consent-from-13");
            assertAbsent(uk, EU_DEFAULT);
        }
    }

    /** Conflict 3: a community permission to work out leaflet doses against the EU medical-device rules. */
    @Nested
    class DosingAgainstMedicalDeviceRegulation {
        private static final String DOSING = "community.health.dosage-from-leaflet";

        @Test
        void regulationPrevailsInEuHealthcareServices() {
            assertOverridden(at("DE-BY", "healthcare", "minor"), DOSING, "eu.mdr.rule11.no-individual-dosing", Principle.LEX_SUPERIOR);
            assertOverridden(at("FR", "healthcare", "adult"), DOSING, "eu.mdr.rule11.no-individual-dosing", Principle.LEX_SUPERIOR);
        }

        @Test
        void permissionAppliesOutsideEuHealthcare() {
            assertApplies(at("DE", "general", "adult"), DOSING);
            Resolution ny = at("US-NY", "healthcare", "adult");
            assertApplies(ny, DOSING);
            assertAbsent(ny, "eu.mdr.rule11.no-individual-dosing");
        }
    }

    /** Conflict 4: Illinois forbids AI therapy; elsewhere supportive self-help is permitted. */
    @Nested
    class IllinoisTherapyBan {
        private static final String SELF_HELP = "community.mental-health.supportive-self-help";

        @Test
        void illinoisLawPrevailsSinceAugust2025() {
            assertOverridden(at("US-IL", "general", "adult"), SELF_HELP, "us-il.hb1806.no-ai-therapy", Principle.LEX_SUPERIOR);
            assertOverridden(at("US-IL", "healthcare", "minor"), SELF_HELP, "us-il.hb1806.no-ai-therapy", Principle.LEX_SUPERIOR);
            assertApplies(at("US-IL", "general", "adult", LocalDate.of(2025, 7, 31)), SELF_HELP);
        }

        @Test
        void selfHelpAppliesElsewhere() {
            assertApplies(at("US-CA", "general", "adult"), SELF_HELP);
            assertApplies(at("DE", "healthcare", "adult"), SELF_HELP);
        }
    }

    /** Conflict 5: Utah's 2025 amendment narrows the 2024 upfront-disclosure duty (lex posterior). */
    @Nested
    class UtahAmendment {
        private static final String RULE_2024 = "us-ut.sb149.regulated-services-upfront";
        private static final String RULE_2025 = "us-ut.sb226.regulated-services-low-risk";

        @Test
        void the2024RuleAppliesAloneBeforeTheAmendment() {
            Resolution r = at("US-UT", "healthcare", "adult", LocalDate.of(2025, 5, 6));
            assertApplies(r, RULE_2024);
            assertAbsent(r, RULE_2025);
        }

        @Test
        void the2025RulePrevailsByLexPosterior() {
            assertOverridden(at("US-UT", "healthcare", "adult", LocalDate.of(2025, 5, 7)), RULE_2024, RULE_2025, Principle.LEX_POSTERIOR);
            assertOverridden(at("US-UT", "finance", null), RULE_2024, RULE_2025, Principle.LEX_POSTERIOR);
        }

        @Test
        void neitherReachesOtherDomainsOrOutlivesTheSunset() {
            Resolution legal = at("US-UT", "legal", "adult");
            assertAbsent(legal, RULE_2024);
            assertAbsent(legal, RULE_2025);
            Resolution sunset = at("US-UT", "healthcare", "adult", LocalDate.of(2027, 7, 1));
            assertAbsent(sunset, RULE_2024);
            assertAbsent(sunset, RULE_2025);
        }
    }

    /** Conflict 6: two deliberations disagree on political opinions; a gap in Germany only. */
    @Nested
    class PoliticalOpinionGap {
        private static final String REASONED = "community.politics.reasoned-view-on-request";
        private static final String NEUTRAL = "community.politics.no-personal-view";

        @Test
        void germanyHasAGapForTheCommunityAuthority() {
            for (Resolution r : List.of(at("DE", "general", "adult"), at("DE-BY", "healthcare", "minor"))) {
                assertEquals(1, r.gaps().size(), "gaps in " + r.context());
                Resolution.Gap gap = r.gaps().get(0);
                assertEquals("politics.personal-view", gap.topic());
                assertEquals(Set.of(REASONED, NEUTRAL), gap.norms().stream().map(Norm::id).collect(Collectors.toSet()));
                assertEquals("community", gap.tier());
                assertEquals(COMMUNITY_AUTHORITY, gap.residualAuthority());
                assertFalse(r.applies(REASONED));
                assertFalse(r.applies(NEUTRAL));
            }
        }

        @Test
        void austriaSettlesItByLexSpecialis() {
            Resolution at = at("AT", "general", "adult");
            assertOverridden(at, NEUTRAL, REASONED, Principle.LEX_SPECIALIS);
            assertNoGaps(at);
        }

        @Test
        void elsewhereInTheEuOnlyTheNeutralityRuleApplies() {
            Resolution fr = at("FR", "general", "adult");
            assertApplies(fr, NEUTRAL);
            assertAbsent(fr, REASONED);
            assertNoGaps(fr);
            Resolution us = at("US-FL", "general", "adult");
            assertAbsent(us, NEUTRAL);
            assertAbsent(us, REASONED);
        }
    }

    /** Conflict 7: a companion app's immersion policy against New York's and California's reminder duties. */
    @Nested
    class CompanionReminders {
        private static final String IMMERSION = "operator.companion.immersion";

        @Test
        void newYorkRequiresRemindersForEveryone() {
            assertOverridden(at("US-NY", "companionship", "adult"), IMMERSION, "us-ny.gbl47.companion-reminders", Principle.LEX_SUPERIOR);
            assertApplies(at("US-NY", "companionship", "adult", LocalDate.of(2025, 11, 4)), IMMERSION);
        }

        @Test
        void californiaRequiresThemOnlyForMinorsFrom2026() {
            assertOverridden(at("US-CA", "companionship", "minor"), IMMERSION, "us-ca.sb243.minor-reminders", Principle.LEX_SUPERIOR);
            assertApplies(at("US-CA", "companionship", "adult"), IMMERSION);
            assertApplies(at("US-CA", "companionship", "minor", LocalDate.of(2025, 12, 31)), IMMERSION);
        }

        @Test
        void immersionAppliesWhereNoReminderLawExists() {
            assertApplies(at("DE", "companionship", "minor"), IMMERSION);
            assertAbsent(at("US-NY", "general", "adult"), IMMERSION);
        }
    }

    /** Conflict 8: the GDPR's ban on solely automated decisions against German automated tax assessments. */
    @Nested
    class AutomatedDecisions {
        private static final String ART22 = "eu.gdpr.art22.solely-automated-decisions";

        @Test
        void germanTaxLawPrevailsByDeclaredOverride() {
            assertOverridden(at("DE", "public-administration", "adult"), ART22, "de.ao.s155-4.automated-tax-assessment", Principle.DECLARED_OVERRIDE);
        }

        @Test
        void theBanHoldsInOtherDomainsAndCountries() {
            assertApplies(at("DE", "healthcare", "adult"), ART22);
            assertApplies(at("FR", "public-administration", "adult"), ART22);
            assertApplies(at("NO", "public-administration", "adult"), ART22); // EEA, not EU
            assertAbsent(at("BR", "public-administration", "adult"), ART22);
        }
    }

    /** Conflicts 9 and 10: settled by domain. Graded coursework, and the user's dislike of caveats. */
    @Nested
    class SettledByDomain {
        @Test
        void completeDraftsExceptGradedCoursework() {
            assertOverridden(at("FR", "education", "minor"), "community.writing.complete-drafts", "education.no-graded-work", Principle.LEX_SUPERIOR);
            assertApplies(at("FR", "general", "minor"), "community.writing.complete-drafts");
        }

        @Test
        void userPreferenceAgainstCaveatsYieldsInHealthAndLaw() {
            String pref = "user.style.no-boilerplate-caveats";
            assertOverridden(at("GB", "healthcare", "adult"), pref, "health.professional-advice-note", Principle.LEX_SUPERIOR);
            assertOverridden(at("GB", "legal", "adult"), pref, "legal.information-not-advice-note", Principle.LEX_SUPERIOR);
            assertApplies(at("GB", "general", "adult"), pref);
        }
    }
}
