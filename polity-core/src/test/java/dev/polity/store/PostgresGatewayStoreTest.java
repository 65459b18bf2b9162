package dev.polity.store;

/** The same contract on PostgreSQL (POLITY_TEST_POSTGRES_URL; CI starts one with .ci/postgres). */
class PostgresGatewayStoreTest extends GatewayStoreContract {
    private String url;

    @Override
    String location() {
        if (url == null) {
            url = TestPostgres.freshSchema();
        }
        return url;
    }

    @Override
    String jdbcUrl() {
        return location();
    }
}
