package dev.polity.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection shared by every thread of a store, one operation at a time (SQLite has one writer anyway);
 * a connection that fails is dropped and opened again on the next use, so the store recovers when the
 * database comes back.
 */
final class OneConnection implements AutoCloseable {
    private final Database db;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** @param first an open connection to start with, or null to open one at the first use */
    OneConnection(Database db, Connection first) {
        this.db = db;
        this.connection = first;
    }

    /** Runs {@code work} in autocommit mode. */
    <T> T run(Work<T> work) {
        return locked(work, false);
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none. */
    <T> T transaction(Work<T> work) {
        return locked(work, true);
    }

    private <T> T locked(Work<T> work, boolean transaction) {
        lock.lock();
        try {
            if (connection == null) {
                connection = db.connect(true);
            }
            if (transaction) {
                return inTransaction(connection, work);
            }
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            dropIfBroken();
            throw new StoreException(db.shown() + ": " + Database.oneLine(e), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} on {@code c} in one transaction (committed, or rolled back when it throws), then back to autocommit. */
    static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T out = work.run(c);
            c.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void dropIfBroken() {
        if (connection == null) {
            return;
        }
        try {
            if (!connection.isValid(2)) {
                connection.close();
                connection = null;
            }
        } catch (SQLException ignored) {
            connection = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        } catch (SQLException e) {
            throw new StoreException(db.shown() + ": cannot close: " + Database.oneLine(e), e);
        } finally {
            lock.unlock();
        }
    }
}
