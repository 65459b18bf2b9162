package dev.polity.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polity.input.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuardConfigTest {
    @Test
    void anEmptyFileGivesTheDefaults() {
        GuardConfig c = GuardConfig.parse("empty.yaml", "{}", Path.of("."));
        assertThat(c.enforcement()).isEqualTo(Enforcement.DEFAULT);
        assertThat(c.limits()).isEqualTo(GuardConfig.Limits.DEFAULT);
        assertThat(c.streaming()).isEqualTo(GuardConfig.Streaming.DEFAULT);
        assertThat(c.judging()).isEqualTo(Judging.DEFAULT);
        assertThat(c.digest()).hasSize(64);
    }

    @Test
    void everySectionIsRead() {
        GuardConfig c = GuardConfig.parse("gw.yaml", """
                enforcement:
                  actions: {operator: redact}
                  norms: [{match: "topic:ai-disclosure.*", action: disclose, disclosure: "Ich bin eine KI."}]
                  fail_closed: {tiers: [law], action: review}
                  shadow: true
                  review: {hold: false}
                  input_norms: []
                judge: {detectors: [rules], model: null, norm_model: models/norms.json}
                streaming: {window_chars: 50, holdback_chars: 10}
                audit: {full_text: true}
                limits: {requests_per_minute: 60, burst: 5, max_body_bytes: 2048, upstream_timeout_seconds: 1.5}
                tenants:
                  acme: {constitution: acme.yaml, jurisdiction: DE, domain: healthcare}
                """, Path.of("/etc/polity"));
        assertThat(c.enforcement().tierActions()).containsEntry("operator", Action.REDACT).containsEntry("law", Action.BLOCK);
        assertThat(c.enforcement().normRules().get(0).disclosure()).isEqualTo("Ich bin eine KI.");
        assertThat(c.enforcement().failClosedTiers()).containsExactly("law");
        assertThat(c.enforcement().failClosedAction()).isEqualTo(Action.REVIEW);
        assertThat(c.enforcement().shadow()).isTrue();
        assertThat(c.enforcement().reviewHolds()).isFalse();
        assertThat(c.enforcement().inputNorms()).isEmpty();
        assertThat(c.judging().detectors()).containsExactly("rules");
        assertThat(c.judging().normModel()).isEqualTo(Path.of("/etc/polity/models/norms.json"));
        assertThat(c.withNormModel(Path.of("mine.json")).judging().normModel()).isEqualTo(Path.of("mine.json"));
        assertThat(c.streaming()).isEqualTo(new GuardConfig.Streaming(50, 10));
        assertThat(c.auditFullText()).isTrue();
        assertThat(c.limits()).isEqualTo(new GuardConfig.Limits(60, 5, 2048, Duration.ofMillis(1500)));
        assertThat(c.tenants().get("acme")).isEqualTo(new GuardConfig.Tenant(Path.of("/etc/polity/acme.yaml"), "DE", "healthcare", null));
    }

    @Test
    void mistakesNameTheLineAndWhatWasExpected() {
        assertThatThrownBy(() -> GuardConfig.parse("gw.yaml", "enforcement:\n  actions: {law: deny}\n", Path.of(".")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("gw.yaml:2").hasMessageContaining("deny");
        assertThatThrownBy(() -> GuardConfig.parse("gw.yaml", "enforcment: {}\n", Path.of(".")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("gw.yaml:1").hasMessageContaining("enforcment");
        assertThatThrownBy(() -> GuardConfig.parse("gw.yaml", "enforcement:\n  fail_closed: {action: allow}\n", Path.of(".")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("gw.yaml:2");
    }
}
