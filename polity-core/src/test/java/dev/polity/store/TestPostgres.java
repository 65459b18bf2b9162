package dev.polity.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server named by {@code POLITY_TEST_POSTGRES_URL} (CI starts one with {@code .ci/postgres}).
 * Without it the tests are skipped with a message, and fail under {@code CI=true}.
 */
public final class TestPostgres {
    private TestPostgres() {
    }

    public static String require() {
        String url = System.getenv("POLITY_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            String msg = "POLITY_TEST_POSTGRES_URL is not set; start a server with `source .ci/postgres` to run the PostgreSQL store tests";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
        }
        return url;
    }

    /** A URL whose connections use a fresh, empty schema, so tests never see each other's tables. */
    public static String freshSchema() {
        String url = require();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
