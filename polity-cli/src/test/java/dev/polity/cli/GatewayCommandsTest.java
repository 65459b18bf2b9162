package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.store.AuditEntry;
import dev.polity.store.GatewayStore;
import java.nio.file.Path;
import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code polity keys create} and {@code polity audit verify|export}: issue 12's interface. */
class GatewayCommandsTest {
    @TempDir
    Path dir;

    @Test
    void aKeyIsPrintedOnceOnTheLastLineAndStoredHashed() {
        String store = dir.resolve("gw.db").toString();
        CliRun r = CliRun.of("keys", "create", "--role", "client", "--tenant", "acme", "--jurisdiction", "DE", "--domain", "healthcare", "--store", store);
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        String key = lines[lines.length - 1];
        assertTrue(key.matches("pk_[A-Za-z0-9_-]{43}"), key);
        try (GatewayStore s = GatewayStore.open(store, Clock.systemUTC())) {
            assertEquals("acme", s.findKey(key).orElseThrow().tenant());
            assertEquals("healthcare", s.tenant("acme").orElseThrow().domain());
        }
        CliRun bad = CliRun.of("keys", "create", "--role", "god", "--store", store);
        assertEquals(1, bad.exit());
        assertEquals("--role: expected one of admin, operator, client, got 'god'", bad.err().strip());
        assertEquals(2, CliRun.of("keys", "create", "--role", "client").exit(), "--store is required");
    }

    @Test
    void verifyExitsThreeNamingTheFirstBadRecordAndExportWritesAPeriod() throws Exception {
        String store = dir.resolve("gw.db").toString();
        try (GatewayStore s = GatewayStore.open(store, Clock.systemUTC())) {
            for (int i = 1; i <= 5; i++) {
                s.append(new AuditEntry("2026-12-0" + i + "T12:00:00.000Z", "acme", "decision", "allow", "{\"n\":" + i + "}"));
            }
        }
        CliRun ok = CliRun.of("audit", "verify", "--store", store);
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().startsWith("audit log intact: 5 records; last 5, hash "), ok.out());
        CliRun export = CliRun.of("audit", "export", "--store", store, "--from", "2026-12-02", "--to", "2026-12-03");
        assertEquals(0, export.exit(), export.err());
        String[] lines = export.out().strip().split("\n");
        assertEquals(2, lines.length, export.out());
        assertTrue(lines[0].startsWith("{\"id\":2,\"time\":\"2026-12-02T12:00:00.000Z\",\"tenant\":\"acme\",\"kind\":\"decision\""), lines[0]);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store); Statement st = c.createStatement()) {
            st.execute("UPDATE audit_log SET record = '{\"n\":33}' WHERE id = 3");
        }
        CliRun broken = CliRun.of("audit", "verify", "--store", store);
        assertEquals(3, broken.exit());
        assertEquals("audit log broken at record 3: its hash does not match its contents (the record was edited) (records 1 to 2 are intact)",
                broken.err().strip());
        assertEquals(1, CliRun.of("audit", "export", "--store", store, "--from", "yesterday").exit());
    }

    @Test
    void anEvidencePackMapsWhatHappenedToTheArticles() throws Exception {
        String store = dir.resolve("gw.db").toString();
        String starter = dev.polity.norms.ConstitutionLoader.load(CheckCommandTest.STARTER).digest();
        try (GatewayStore s = GatewayStore.open(store, Clock.fixed(java.time.Instant.parse("2026-12-01T11:00:00Z"), java.time.ZoneOffset.UTC))) {
            s.append(new AuditEntry("2026-12-01T08:00:00.000Z", "-", "start", "allow", "{\"constitutions\":{\"*\":\"" + starter + "\"}}"));
            s.append(new AuditEntry("2026-12-01T09:00:00.000Z", "acme", "decision", "disclose", "{\"constitution\":\"" + starter
                    + "\",\"fail_mode\":null,\"norms\":[{\"id\":\"eu.ai-act.art50.disclose-ai-interaction\",\"action\":\"disclose\"}],\"shadow\":false}"));
            s.append(new AuditEntry("2026-12-01T10:00:00.000Z", "acme", "decision", "review", "{\"constitution\":\"" + starter
                    + "\",\"fail_mode\":\"closed\",\"norms\":[],\"shadow\":false}"));
            String review = s.openReview("acme", "DE/*/*@2026-12-01", starter, "review", "closed", "[]", "p", "a", 3L);
            s.claim(review, "key_op");
            s.resolve(review, "key_op", "approve", "harmless");
        }
        Path out = dir.resolve("pack");
        CliRun r = CliRun.of("evidence", "--from", "2026-12-01", "--to", "2026-12-01", "--out", out.toString(), "--store", store,
                "--constitution", CheckCommandTest.STARTER.toString());
        assertEquals(0, r.exit(), r.err());
        com.fasterxml.jackson.databind.JsonNode pack = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("evidence.json").toFile());
        assertEquals(starter, pack.at("/constitutions/0/sha256").asText());
        assertEquals("Regulation (EU) 2024/1689 (AI Act), Art. 50(1)", pack.at("/constitutions/0/norms/0/citation").asText());
        assertEquals(2, pack.at("/decisions/total").asInt());
        assertEquals(1, pack.at("/decisions/disclosures_by_norm/eu.ai-act.art50.disclose-ai-interaction").asInt());
        assertEquals(1, pack.at("/reviews/overrides").asInt());
        assertTrue(pack.at("/audit_chain/intact").asBoolean());
        assertEquals(List.of("Art. 9", "Art. 12", "Art. 13", "Art. 14", "Art. 15", "Art. 50"),
                pack.get("articles").findValuesAsText("article"));
        dev.polity.report.Xhtml.parse(java.nio.file.Files.readString(out.resolve("index.html")));
    }
}
