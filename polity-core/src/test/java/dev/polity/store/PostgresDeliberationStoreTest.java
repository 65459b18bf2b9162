package dev.polity.store;

/** The same contract on PostgreSQL (POLITY_TEST_POSTGRES_URL; CI starts one with .ci/postgres): a fresh schema per test. */
class PostgresDeliberationStoreTest extends DeliberationStoreContract {
    @Override
    String location() {
        return TestPostgres.freshSchema();
    }
}
