package dev.polity.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteGatewayStoreTest extends GatewayStoreContract {
    @TempDir
    Path dir;

    @Override
    String location() {
        return dir.resolve("gateway.db").toString();
    }

    @Override
    String jdbcUrl() {
        return "jdbc:sqlite:" + location();
    }

    @Test
    void steadyAppendsKeepTheWriteAheadLogBoundedAndTheChainIntact() throws Exception {
        // 5000 records of 6 KB, one after the other as a busy gateway writes them: 23 KB of log each (measured), so
        // 115 MB if the log never started afresh; the checkpoints (off the appending thread) bound it near 64 MB
        String record = "{\"norms\":\"" + "n".repeat(6000) + "\"}";
        for (int i = 1; i <= 5000; i++) {
            store.append(new AuditEntry("2026-12-01T10:00:00.000Z", "acme", "decision", "allow", record));
        }
        assertThat(Files.size(Path.of(location() + "-wal"))).isLessThan(80L << 20);
        assertThat(store.verify().intact()).isTrue();
        assertThat(store.verify().records()).isEqualTo(5000);
    }
}
