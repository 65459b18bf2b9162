package dev.polity.store;

/** The same contract on PostgreSQL (POLITY_TEST_POSTGRES_URL; CI starts one with .ci/postgres). */
class PostgresDeliberationStoreTest extends DeliberationStoreContract {
    private String url;

    @Override
    String location() {
        if (url == null) {
            url = TestPostgres.freshSchema();
        }
        return url;
    }
}
