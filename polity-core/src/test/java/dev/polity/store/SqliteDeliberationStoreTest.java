package dev.polity.store;

class SqliteDeliberationStoreTest extends DeliberationStoreContract {
    @Override
    String location() {
        return tmp.resolve("app.db").toString();
    }
}
