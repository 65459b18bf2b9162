package dev.polity.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the gateway's store does, whichever database holds it: the audit chain and its verification, keys, reviews. */
abstract class GatewayStoreContract {
    GatewayStore store;

    abstract String location();

    /** A plain JDBC URL to tamper with the tables behind the store's back. */
    abstract String jdbcUrl();

    @BeforeEach
    void open() {
        store = GatewayStore.open(location(), Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        if (store != null) { // null when the database was not there to open (PostgreSQL not configured: the test is skipped)
            store.close();
        }
    }

    static AuditEntry entry(int i, String time) {
        return new AuditEntry(time, "acme", "decision", i % 3 == 0 ? "block" : "allow", "{\"n\":" + i + "}");
    }

    void appendTen() {
        for (int i = 1; i <= 10; i++) {
            assertThat(store.append(entry(i, "2026-12-01T10:00:" + String.format("%02d", i) + ".000Z"))).isEqualTo(i);
        }
    }

    void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void anUntouchedChainVerifies() {
        appendTen();
        GatewayStore.Verification v = store.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.records()).isEqualTo(10);
        assertThat(v.lastId()).isEqualTo(10);
        assertThat(v.lastHash()).hasSize(64);
    }

    @Test
    void anEditedRecordIsNamed() throws SQLException {
        appendTen();
        sql("UPDATE audit_log SET action = 'allow' WHERE id = 6");
        GatewayStore.Verification v = store.verify();
        assertThat(v.firstBad()).isEqualTo(6);
        assertThat(v.problem()).contains("edited");
    }

    @Test
    void aDeletedRecordIsNamed() throws SQLException {
        appendTen();
        sql("DELETE FROM audit_log WHERE id = 4");
        GatewayStore.Verification v = store.verify();
        assertThat(v.firstBad()).isEqualTo(5);
        assertThat(v.problem()).isEqualTo("record 4 is missing (deleted)");
    }

    @Test
    void aDeletedAndRenumberedRecordIsNamed() throws SQLException {
        appendTen();
        sql("DELETE FROM audit_log WHERE id = 4");
        for (int id = 5; id <= 10; id++) {
            sql("UPDATE audit_log SET id = " + (id - 1) + " WHERE id = " + id);
        }
        GatewayStore.Verification v = store.verify();
        assertThat(v.firstBad()).isEqualTo(4);
        assertThat(v.problem()).contains("previous hash does not match record 3");
    }

    @Test
    void anInsertedRecordIsNamedEvenWithAValidOwnHash() throws SQLException {
        appendTen();
        for (int id = 10; id >= 5; id--) {
            sql("UPDATE audit_log SET id = " + (id + 1) + " WHERE id = " + id);
        }
        String forgedHash = GatewayStore.hash(5, "2026-12-01T10:00:04.500Z", "acme", "decision", "allow", "{}", "x".repeat(64));
        sql("INSERT INTO audit_log VALUES (5, '2026-12-01T10:00:04.500Z', 'acme', 'decision', 'allow', '{}', '" + "x".repeat(64) + "', '" + forgedHash + "')");
        GatewayStore.Verification v = store.verify();
        assertThat(v.firstBad()).isEqualTo(5);
        assertThat(v.problem()).contains("previous hash");
    }

    @Test
    void reorderedRecordsAreNamed() throws SQLException {
        appendTen();
        sql("UPDATE audit_log SET id = 100 WHERE id = 7");
        sql("UPDATE audit_log SET id = 7 WHERE id = 8");
        sql("UPDATE audit_log SET id = 8 WHERE id = 100");
        GatewayStore.Verification v = store.verify();
        assertThat(v.firstBad()).isEqualTo(7);
    }

    @Test
    void exportTakesAPeriod() {
        appendTen();
        List<Long> ids = new ArrayList<>();
        store.export(Instant.parse("2026-12-01T10:00:03Z"), Instant.parse("2026-12-01T10:00:06Z"), r -> ids.add(r.id()));
        assertThat(ids).containsExactly(3L, 4L, 5L);
    }

    @Test
    void concurrentWritersKeepOneChain() throws Exception {
        try (GatewayStore other = GatewayStore.open(location(), Clock.systemUTC())) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                GatewayStore s = i % 2 == 0 ? store : other;
                int n = i;
                ids.add(pool.submit(() -> s.append(entry(n, s.now()))));
            }
            List<Long> got = new ArrayList<>();
            for (Future<Long> f : ids) {
                got.add(f.get());
            }
            pool.shutdown();
            assertThat(got).doesNotHaveDuplicates().hasSize(200);
            assertThat(store.verify().intact()).isTrue();
            assertThat(store.auditSize()).isEqualTo(200);
        }
    }

    @Test
    void keysAreStoredHashedAndFoundByTheKeyItself() {
        GatewayStore.NewKey k = store.createKey("acme", "client");
        assertThat(k.key()).startsWith("pk_").hasSize(3 + 43);
        assertThat(store.findKey(k.key())).contains(k.stored());
        assertThat(store.findKey(k.key() + "x")).isEmpty();
        assertThat(store.createKey("acme", "client").key()).isNotEqualTo(k.key());
    }

    @Test
    void tenantDefaultsKeepWhatIsNotGivenAgain() {
        store.setTenantDefaults(new TenantDefaults("acme", "DE", "healthcare", null));
        store.setTenantDefaults(new TenantDefaults("acme", null, null, "adult"));
        assertThat(store.tenant("acme")).contains(new TenantDefaults("acme", "DE", "healthcare", "adult"));
        assertThat(store.tenant("nobody")).isEmpty();
    }

    @Test
    void aReviewIsClaimedOnceAndResolvedByItsClaimant() {
        String id = store.openReview("acme", "DE/*/*@2026-12-01", "abc", "review", null, "[]", "prompt", "answer", 3L);
        assertThat(store.reviews("acme", "open")).extracting(Review::id).containsExactly(id);
        assertThat(store.reviews("other", null)).isEmpty();
        assertThat(store.claim(id, "key_a")).isTrue();
        assertThat(store.claim(id, "key_b")).isFalse();
        assertThat(store.resolve(id, "key_b", "approve", "fine")).isFalse();
        assertThat(store.resolve(id, "key_a", "reject", "names a dose")).isTrue();
        Review r = store.review(id).orElseThrow();
        assertThat(r.status()).isEqualTo("resolved");
        assertThat(r.resolution()).isEqualTo("reject");
        assertThat(r.auditId()).isEqualTo(3L);
        assertThat(store.resolve(id, "key_a", "approve", "changed my mind")).isFalse();
    }
}
