package dev.polity.norms;

import dev.polity.input.Diagnostic;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LintAndDiffTest {
    static final String BASE = """
            residual_authority:
              operator: the operator's policy board
            norms:
              - id: eu.disclose
                statement: Disclose that the user is talking to an AI.
                kind: must
                tier: law
                topic: ai-disclosure
                scope: {jurisdictions: [EU]}
              - id: op.persona
                statement: Keep the persona; do not volunteer that you are an AI.
                kind: should_not
                tier: operator
                topic: ai-disclosure
              - id: op.always-lose
                statement: Never mention the weather.
                kind: must_not
                tier: operator
                topic: weather
              - id: law.weather
                statement: Give weather warnings.
                kind: must
                tier: law
                topic: weather
              - id: op.a
                statement: May discuss A.
                kind: may
                tier: operator
                topic: a
                scope: {domains: [healthcare]}
              - id: op.b
                statement: Must not discuss A.
                kind: must_not
                tier: operator
                topic: a
                scope: {jurisdictions: [DE]}
              - id: old.rule
                statement: An expired rule.
                kind: must
                tier: user
                topic: old
                effective: {until: 2020-01-01}
            """;

    @Test
    void lintFindsConflictsGapsShadowedAndUnreachableNorms() {
        Constitution c = ConstitutionLoader.fromString("base.yaml", BASE);
        Lint.Report r = Lint.check(c, LocalDate.of(2026, 1, 1));
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.conflicts()).extracting(x -> x.a().id() + "|" + x.b().id())
                .containsExactlyInAnyOrder("eu.disclose|op.persona", "law.weather|op.always-lose", "op.a|op.b");
        Lint.Conflict disclosure = r.conflicts().stream().filter(x -> x.a().id().equals("eu.disclose")).findFirst().orElseThrow();
        assertThat(disclosure.outcomes()).containsOnlyKeys("eu.disclose prevails (higher tier)");
        assertThat(disclosure.variesByContext()).as("the persona norm applies outside the EU").isTrue();
        Lint.Conflict weather = r.conflicts().stream().filter(x -> x.a().id().equals("law.weather")).findFirst().orElseThrow();
        assertThat(weather.variesByContext()).as("the law wins wherever both are in scope, and the operator norm nowhere else").isFalse();
        assertThat(r.findings()).extracting(Diagnostic::toString)
                .anyMatch(s -> s.startsWith("base.yaml:15:5: warning: shadowed everywhere: norm op.always-lose"))
                .anyMatch(s -> s.contains("warning: gap: op.a and op.b conflict in DE/healthcare") && s.contains("the operator's policy board"))
                .anyMatch(s -> s.startsWith("base.yaml:37:5: warning: unreachable: norm old.rule ceased to be in force on 2020-01-01"));
        // op.persona is overridden in the EU only: not shadowed everywhere.
        assertThat(r.findings()).extracting(Diagnostic::message).noneMatch(m -> m.contains("norm op.persona"));
    }

    @Test
    void diffNamesChangedNormsAndTheContextsWhereTheApplicableSetMoves() {
        Constitution before = ConstitutionLoader.fromString("v1.yaml", BASE);
        Constitution after = ConstitutionLoader.fromString("v2.yaml", BASE
                .replace("scope: {jurisdictions: [EU]}", "scope: {jurisdictions: [EU, US-CA]}")
                .replace("Give weather warnings.", "Give severe-weather warnings."));
        ConstitutionDiff d = ConstitutionDiff.between(before, after, java.time.LocalDate.of(2026, 9, 1));
        assertThat(d.added()).isEmpty();
        assertThat(d.removed()).isEmpty();
        assertThat(d.changed()).extracting(ConstitutionDiff.Change::id).containsExactly("eu.disclose", "law.weather");
        assertThat(d.changed().get(0).fields()).containsExactly("scope");
        assertThat(d.changed().get(1).fields()).containsExactly("statement");
        assertThat(d.impacts()).isNotEmpty().allSatisfy(i -> {
            assertThat(i.context().jurisdiction()).isEqualTo("US-CA");
            assertThat(i.entering()).containsExactly("eu.disclose");
            assertThat(i.leaving()).containsExactly("op.persona");
        });
        assertThat(ConstitutionDiff.between(before, before, java.time.LocalDate.of(2026, 9, 1)).isEmpty()).isTrue();
    }
}
