package dev.polity.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.model.Answer;
import dev.polity.model.AnswerRequest;
import dev.polity.store.AuditEntry;
import dev.polity.store.GatewayStore;
import dev.polity.store.Provenance;
import dev.polity.store.RunItem;
import dev.polity.store.RunStore;
import dev.polity.store.StoredVerdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evidence pack counts what happened in its period: runs' verdicts per norm and jurisdiction, decisions, the chain. */
class EvidenceTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void runsAreCountedPerNormAndJurisdictionAndOnlyThoseOfThePeriod() {
        String db = dir.resolve("e.db").toString();
        Clock inPeriod = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
        Clock before = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);
        for (Clock clock : List.of(inPeriod, before)) {
            try (RunStore runs = RunStore.open(db, clock)) {
                String run = runs.createRun(new Provenance("c", "s", "replay:x.csv", Map.of(), "dev"));
                String de = runs.storeAnswer(run, new RunStore.NewAnswer(new RunItem("case-1", "DE/healthcare/adult", "none"), "h1",
                        AnswerRequest.of("dose?"), Answer.of("Take 400 mg.", "m")));
                String ca = runs.storeAnswer(run, new RunStore.NewAnswer(new RunItem("case-1", "US-CA/general/*", "none"), "h2",
                        AnswerRequest.of("dose?"), Answer.of("Ask a pharmacist.", "m")));
                runs.storeVerdicts(List.of(new StoredVerdict(de, "law.no-dose", "ensemble", "violates", 1.0, "400 mg"),
                        new StoredVerdict(de, "law.no-dose", "check1:rules", "violates", 1.0, "400 mg"),
                        new StoredVerdict(ca, "law.no-dose", "ensemble", "complies", 1.0, null)));
            }
        }
        try (GatewayStore gw = GatewayStore.open(db, inPeriod); RunStore runs = RunStore.open(db, inPeriod)) {
            gw.append(new AuditEntry("2026-12-01T12:00:00.000Z", "acme", "decision", "block",
                    "{\"constitution\":\"" + GuardFixtures.CONSTITUTION.digest() + "\",\"fail_mode\":null,\"norms\":[{\"id\":\"law.no-dose\",\"action\":\"block\"}]}"));
            Evidence e = Evidence.build(gw, runs, List.of(GuardFixtures.CONSTITUTION), Instant.parse("2026-12-01T00:00:00Z"),
                    Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z"));
            List<Map<String, Object>> evaluations = (List<Map<String, Object>>) e.sections().get("evaluations");
            assertThat(evaluations).hasSize(1);
            assertThat(evaluations.get(0).get("by_norm")).isEqualTo(Map.of("law.no-dose", Map.of("violates", 1, "complies", 1)));
            assertThat(evaluations.get(0).get("by_jurisdiction")).isEqualTo(Map.of("DE", Map.of("violates", 1), "US-CA", Map.of("complies", 1)));
            Map<String, Object> decisions = (Map<String, Object>) e.sections().get("decisions");
            assertThat(decisions.get("held")).isEqualTo(1);
            assertThat(decisions.get("actions_by_norm")).isEqualTo(Map.of("law.no-dose", Map.of("block", 1)));
            List<Map<String, Object>> constitutions = (List<Map<String, Object>>) e.sections().get("constitutions");
            assertThat(constitutions.get(0).get("name")).isEqualTo("guard test");
            assertThat(((Map<String, Object>) e.sections().get("audit_chain")).get("intact")).isEqualTo(true);
        }
    }
}
