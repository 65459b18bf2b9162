package dev.polity.store;

import dev.polity.input.CacheFolder;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Where a store lives and how to connect to it: a file path or {@code jdbc:sqlite:PATH} for SQLite (WAL, a
 * busy timeout, foreign keys), {@code jdbc:postgresql://HOST:PORT/DB?user=...} for PostgreSQL. Every store
 * of Polity opens its connections here.
 *
 * @param shown the location with any password hidden, for messages
 */
record Database(String location, String shown, RunStore.Dialect dialect, String url) {

    /**
     * @throws InvalidInputException one line naming the store when the location cannot be used
     */
    static Database at(String location) {
        String shown = redact(location);
        if (location.startsWith("jdbc:postgresql:")) {
            return new Database(location, shown, RunStore.Dialect.POSTGRESQL, location);
        }
        if (location.startsWith("jdbc:") && !location.startsWith("jdbc:sqlite:")) {
            throw new InvalidInputException(new Location(shown, 0, 0),
                    "unsupported store; expected a file path, jdbc:sqlite:PATH or jdbc:postgresql://HOST/DB");
        }
        String path = location.startsWith("jdbc:sqlite:") ? location.substring("jdbc:sqlite:".length()) : location;
        Path file = Path.of(path);
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(new Location(shown, 0, 0), "cannot open the store: it is a directory, expected a database file");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException | SecurityException e) {
            throw new InvalidInputException(new Location(shown, 0, 0), "cannot open the store: cannot create its folder (" + e.getMessage() + ")");
        }
        keepSqliteLibraryInCache();
        return new Database(location, shown, RunStore.Dialect.SQLITE, "jdbc:sqlite:" + path);
    }

    /**
     * The first connection of a store, with the schema brought up to date ({@link Migrations}).
     *
     * @throws InvalidInputException one line naming the store when it cannot be opened or migrated
     */
    Connection migrated(java.time.Clock clock, boolean immediate) {
        Connection c = null;
        try {
            c = connect(immediate);
            Migrations.apply(c, clock);
            return c;
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the open failed already; that is the error to report
                }
            }
            throw new InvalidInputException(new Location(shown, 0, 0), "cannot open the store: " + oneLine(e));
        }
    }

    /** Whether a store is there to be read: false when nothing is at a SQLite path; true for PostgreSQL, which only connecting can tell. */
    static boolean exists(String location) {
        if (location.startsWith("jdbc:") && !location.startsWith("jdbc:sqlite:")) {
            return true;
        }
        return Files.exists(Path.of(location.startsWith("jdbc:sqlite:") ? location.substring("jdbc:sqlite:".length()) : location));
    }

    /**
     * {@link #at} for a store that must exist already: reading commands never create a store or its folder.
     *
     * @throws InvalidInputException naming the store when there is none
     */
    static Database existing(String location) {
        if (!exists(location)) {
            throw new InvalidInputException(new Location(redact(location), 0, 0),
                    "no such store; expected a database file that polity eval run or polity serve made (--store)");
        }
        return at(location);
    }

    /** A new connection; with {@code immediate}, SQLite transactions take the write lock when they begin (no upgrade deadlock between writers). */
    Connection connect(boolean immediate) throws SQLException {
        Properties props = new Properties();
        if (dialect == RunStore.Dialect.SQLITE && immediate) {
            props.setProperty("transaction_mode", "IMMEDIATE");
        }
        Connection c = DriverManager.getConnection(url, props);
        if (dialect == RunStore.Dialect.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                try (ResultSet r = s.executeQuery("PRAGMA journal_mode = WAL")) {
                    r.next();
                }
                // WAL with NORMAL sync keeps every commit across a killed process (not across power loss)
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /**
     * sqlite-jdbc unpacks its native library into {@code org.sqlite.tmpdir}, by default {@code /tmp},
     * where a killed process leaves it behind; Polity's cache folder keeps it in one known place.
     */
    private static synchronized void keepSqliteLibraryInCache() {
        if (System.getProperty("org.sqlite.tmpdir") != null) {
            return;
        }
        Path folder = CacheFolder.of("native");
        try {
            Files.createDirectories(folder);
            System.setProperty("org.sqlite.tmpdir", folder.toString());
        } catch (java.io.IOException | SecurityException e) {
            // the cache folder cannot be made: sqlite-jdbc keeps its default, the temporary folder
            System.err.println("warning: cannot create " + folder + " (" + e.getMessage() + "); SQLite's library goes to the temporary folder");
        }
    }

    /** Hides a password given in a JDBC URL, so it never reaches a message or a log. */
    static String redact(String location) {
        return location.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    static String oneLine(Throwable e) {
        return String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
    }
}
