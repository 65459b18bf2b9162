package dev.polity.store;

import java.nio.file.Path;
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
}
