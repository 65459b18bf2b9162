package dev.polity.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polity.input.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The same contract on PostgreSQL (POLITY_TEST_POSTGRES_URL; CI starts one with .ci/postgres). */
class PostgresRunStoreTest extends RunStoreContract {
    private String url;

    @Override
    String location() {
        if (url == null) {
            url = TestPostgres.freshSchema();
        }
        return url;
    }

    @Test
    void isPostgres() {
        assertThat(store.dialect()).isEqualTo(RunStore.Dialect.POSTGRESQL);
    }

    @Test
    void anUnreachableServerIsOneLineWithoutThePassword() {
        assertThatThrownBy(() -> RunStore.open("jdbc:postgresql://127.0.0.1:1/polity?user=u&password=hunter2&connectTimeout=2"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.oneLine())
                        .startsWith("jdbc:postgresql://127.0.0.1:1/polity?user=u&password=***&connectTimeout=2: cannot open the store: ")
                        .doesNotContain("hunter2").doesNotContain("\n"));
    }
}
