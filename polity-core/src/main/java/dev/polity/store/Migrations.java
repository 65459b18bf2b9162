package dev.polity.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned schema changes, applied in order, each in its own transaction and recorded in
 * {@code polity_schema}. The scripts are plain SQL that SQLite and PostgreSQL both accept.
 */
final class Migrations {
    private static final String DIR = "/dev/polity/store/migrations/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(.+)\\.sql");

    record Migration(int version, String description, String sql) {
    }

    private Migrations() {
    }

    static List<Migration> all() {
        List<Migration> out = new ArrayList<>();
        for (String line : read(DIR + "index.txt").split("\n")) {
            String name = line.trim();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("migration file name must be V<version>__<description>.sql: " + name);
            }
            int version = Integer.parseInt(m.group(1));
            if (version != out.size() + 1) {
                throw new IllegalStateException("migrations must be numbered 1, 2, 3, ...; found " + name);
            }
            out.add(new Migration(version, m.group(2).replace('_', ' '), read(DIR + name)));
        }
        return out;
    }

    static int latest() {
        return all().size();
    }

    /** Brings the schema up to date; returns the versions applied now (empty when already current). */
    static List<Integer> apply(Connection c, Clock clock) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS polity_schema (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TEXT NOT NULL)");
        }
        int current = current(c);
        List<Migration> all = all();
        if (current > all.size()) {
            throw new SQLException("written by a newer Polity (schema version " + current + "; this one knows up to " + all.size() + ")");
        }
        List<Integer> applied = new ArrayList<>();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (Migration m : all.subList(current, all.size())) {
                // the version row goes in first: a second process migrating at the same time fails on its key
                try (PreparedStatement p = c.prepareStatement("INSERT INTO polity_schema (version, description, applied) VALUES (?, ?, ?)");
                     Statement s = c.createStatement()) {
                    p.setInt(1, m.version());
                    p.setString(2, m.description());
                    p.setString(3, clock.instant().toString());
                    p.executeUpdate();
                    for (String statement : statements(m.sql())) {
                        s.execute(statement);
                    }
                    c.commit();
                    applied.add(m.version());
                } catch (SQLException e) {
                    c.rollback();
                    if (current(c) >= m.version()) {
                        continue;
                    }
                    throw e;
                }
            }
        } finally {
            c.setAutoCommit(auto);
        }
        return applied;
    }

    static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM polity_schema")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Splits a script at semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.trim();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String stmt = cur.toString().trim();
                out.add(stmt.substring(0, stmt.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
