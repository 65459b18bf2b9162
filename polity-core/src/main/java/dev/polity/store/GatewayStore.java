package dev.polity.store;

import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What the guardrail gateway keeps, in the same SQLite file or PostgreSQL database as the runs: the audit
 * log (append-only, hash-chained), API keys (stored as SHA-256 hashes), tenants' context defaults and the
 * review queue.
 *
 * <p>The audit log is written with group commit ({@link #append}): a record exists once its transaction has
 * committed, so before its answer leaves, and many concurrent requests share one commit. Under the write lock (SQLite's {@code BEGIN IMMEDIATE},
 * PostgreSQL's table lock) the writer reads the last row and chains the new ones to it, so several
 * gateway processes sharing one database keep one chain. A connection that fails is dropped and opened
 * again on the next use, so the store recovers when the database comes back.
 *
 * <p>Why one class: every statement shares the connections, the dialect and the reconnection discipline;
 * as with {@link RunStore}, the SQL is the class.
 */
public final class GatewayStore implements AutoCloseable {
    /** The hash a chain starts from. */
    public static final String GENESIS = "0".repeat(64);
    /** Times as the audit log writes them: UTC, always with milliseconds, so that they sort as text. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    public static final List<String> ROLES = List.of("admin", "operator", "client");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BATCH = 256;
    /** Commits between two checkpoints of SQLite's write-ahead log (SQLite's own every 1000 pages come every 90 of the gateway's records). */
    private static final int CHECKPOINT_COMMITS = 128;
    /** Frames (pages) the write-ahead log may hold before a checkpoint makes it start afresh: 64 MB of 4 KB pages. */
    private static final long MAX_WAL_FRAMES = 16_000;

    private final Database db;
    private final Clock clock;
    private final OneConnection shared;
    private Connection writerConnection;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean closed;
    /** SQLite only: checkpoints run here, never on a request's thread (see {@link #writeBatch}). */
    private final ExecutorService checkpointer;
    private final AtomicBoolean checkpointQueued = new AtomicBoolean();
    private int commitsSinceCheckpoint;
    private Connection checkpointConnection;

    private record Pending(AuditEntry entry, CompletableFuture<Long> done) {
    }

    private GatewayStore(Database db, Clock clock, Connection first) {
        this.db = db;
        this.clock = clock;
        this.shared = new OneConnection(db, first);
        this.checkpointer = db.dialect() == RunStore.Dialect.SQLITE ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "polity-audit-checkpoint");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Opens (creating and migrating as needed) the store at {@code location}, as {@link RunStore#open} does.
     *
     * @throws InvalidInputException one line naming the store when it cannot be opened
     */
    public static GatewayStore open(String location, Clock clock) {
        return open(Database.at(location), clock);
    }

    /**
     * Opens a store that must exist already, for commands that only read it (audit verify and export,
     * evidence): a missing SQLite file is an error, never a new empty store and folder.
     *
     * @throws InvalidInputException naming the store when there is none or it cannot be opened
     */
    public static GatewayStore openExisting(String location, Clock clock) {
        return open(Database.existing(location), clock);
    }

    private static GatewayStore open(Database db, Clock clock) {
        return new GatewayStore(db, clock, db.migrated(clock, true));
    }

    public String location() {
        return db.shown();
    }

    public Clock clock() {
        return clock;
    }

    /** Now, as the audit log writes times. */
    public String now() {
        return TIME.format(clock.instant());
    }

    // ---- the audit log

    /**
     * Appends a record and returns its id once it is committed.
     *
     * <p>Group commit without a writer thread: the caller queues its record and takes the write lock; the holder
     * writes every record queued so far in one transaction. Callers that queued while it wrote find their
     * records committed when they get the lock, and leave at once. No thread hand-off on an idle gateway, one
     * commit for many on a busy one.
     *
     * @throws StoreException when the database cannot be written (the record is not in the log)
     */
    public long append(AuditEntry entry) {
        if (closed) {
            throw new StoreException(db.shown() + ": the store is closed", null);
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        queue.add(new Pending(entry, done));
        try {
            if (!writing.tryLock(60, TimeUnit.SECONDS)) {
                throw new StoreException(db.shown() + ": the audit log did not answer within 60 s", null);
            }
            try {
                if (!done.isDone()) {
                    writeQueued(); // ours and every record queued behind the previous transaction
                }
            } finally {
                writing.unlock();
            }
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(db.shown() + ": interrupted while writing the audit log", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException se ? se : new StoreException(db.shown() + ": " + Database.oneLine(e.getCause()), e.getCause());
        }
    }

    /** Writes what is queued, in batches, while holding the write lock. */
    private void writeQueued() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (!queue.isEmpty()) {
            batch.clear();
            queue.drainTo(batch, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            try {
                List<Long> ids = writeBatch(batch);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(ids.get(i));
                }
            } catch (SQLException | RuntimeException e) {
                dropWriter();
                StoreException failure = new StoreException(db.shown() + ": cannot write the audit log: " + Database.oneLine(e), e);
                batch.forEach(p -> p.done().completeExceptionally(failure));
            }
        }
    }

    private List<Long> writeBatch(List<Pending> batch) throws SQLException {
        if (writerConnection == null) {
            writerConnection = db.connect(true);
            if (checkpointer != null) {
                // The commit that finds the write-ahead log past 1000 pages would copy it into the database and
                // fsync on its request's thread: 5 ms every 170 records of 6 KB, measured. A thread of its own does it.
                try (Statement s = writerConnection.createStatement()) {
                    s.execute("PRAGMA wal_autocheckpoint = 0");
                }
            }
        }
        Connection c = writerConnection;
        c.setAutoCommit(false);
        try {
            if (db.dialect() == RunStore.Dialect.POSTGRESQL) {
                try (Statement s = c.createStatement()) {
                    // conflicts with itself, not with readers: one writer at a time across processes
                    s.execute("LOCK TABLE audit_log IN EXCLUSIVE MODE");
                }
            }
            long last = 0;
            String prev = GENESIS;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")) {
                if (r.next()) {
                    last = r.getLong(1);
                    prev = r.getString(2);
                }
            }
            List<Long> ids = new ArrayList<>(batch.size());
            try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_log (id, time, tenant, kind, action, record, prev_hash, hash) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Pending pending : batch) {
                    AuditEntry e = pending.entry();
                    long id = ++last;
                    String hash = hash(id, e.time(), e.tenant(), e.kind(), e.action(), e.record(), prev);
                    p.setLong(1, id);
                    p.setString(2, e.time());
                    p.setString(3, e.tenant());
                    p.setString(4, e.kind());
                    p.setString(5, e.action());
                    p.setString(6, e.record());
                    p.setString(7, prev);
                    p.setString(8, hash);
                    p.addBatch();
                    ids.add(id);
                    prev = hash;
                }
                p.executeBatch();
            }
            c.commit();
            // back to autocommit: sqlite-jdbc would otherwise begin the next (immediate) transaction at once and keep the write lock
            c.setAutoCommit(true);
            if (checkpointer != null && ++commitsSinceCheckpoint >= CHECKPOINT_COMMITS && checkpointQueued.compareAndSet(false, true)) {
                commitsSinceCheckpoint = 0;
                checkpointer.execute(this::checkpoint);
            }
            return ids;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is dropped anyway
            }
            throw e;
        }
    }

    /**
     * Copies the write-ahead log into the database with SQLite's PASSIVE checkpoint, which waits for no reader
     * or writer: appends go on while it runs, and its fsyncs are off every request's path. The log starts
     * afresh only at a write that finds all of it copied, which steady appends never let happen; so once it
     * holds more than {@link #MAX_WAL_FRAMES}, a second pass copies the few frames appended meanwhile on the
     * writer's connection, holding the write lock (a wait of one short pass, once every 64 MB). A failure is
     * left for the next time: the log only grows meanwhile, and every commit in it is durable.
     */
    private void checkpoint() {
        checkpointQueued.set(false);
        try {
            if (checkpointConnection == null) {
                checkpointConnection = db.connect(false);
            }
            if (passiveCheckpoint(checkpointConnection) <= MAX_WAL_FRAMES) {
                return;
            }
        } catch (SQLException e) {
            closeQuietly(checkpointConnection);
            checkpointConnection = null;
            return;
        }
        writing.lock();
        try {
            if (!closed && writerConnection != null) {
                passiveCheckpoint(writerConnection);
            }
        } catch (SQLException e) {
            dropWriter();
        } finally {
            writing.unlock();
        }
    }

    /** {@code PRAGMA wal_checkpoint(PASSIVE)}; returns the frames in the log. */
    private static long passiveCheckpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            r.next();
            return r.getLong(2);
        }
    }
    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a broken connection may not close cleanly
            }
        }
    }

    private void dropWriter() {
        closeQuietly(writerConnection);
        writerConnection = null;
    }

    /**
     * The hash of a row: SHA-256 over the previous row's hash and this row's fields, each on its own line
     * (a hash chain, as in Haber and Stornetta, 1991, "How to Time-Stamp a Digital Document").
     */
    public static String hash(long id, String time, String tenant, String kind, String action, String record, String prevHash) {
        return sha256(prevHash + "\n" + id + "\n" + time + "\n" + tenant + "\n" + kind + "\n" + action + "\n" + record);
    }

    /** What {@code polity audit verify} found: the records read, and the first bad one (null when the chain is intact). */
    public record Verification(long records, Long firstBad, String problem, long lastId, String lastHash) {
        public boolean intact() {
            return firstBad == null;
        }
    }

    /**
     * Reads the whole log in id order and checks the chain: ids 1, 2, 3, ... with no gap, every row's
     * previous hash equal to the row before's hash, every row's hash equal to the hash of its fields.
     * Names the first row that breaks it.
     */
    public Verification verify() {
        return locked(c -> {
            long expected = 1;
            String prev = GENESIS;
            long n = 0;
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT id, time, tenant, kind, action, record, prev_hash, hash FROM audit_log ORDER BY id")) {
                while (r.next()) {
                    AuditRecord a = row(r);
                    n++;
                    if (a.id() != expected) {
                        return new Verification(n, a.id(), a.id() > expected
                                ? "record " + expected + (a.id() == expected + 1 ? " is" : " to " + (a.id() - 1) + " are") + " missing (deleted)"
                                : "id " + a.id() + " out of order", expected - 1, prev);
                    }
                    if (!a.prevHash().equals(prev)) {
                        return new Verification(n, a.id(), "its previous hash does not match record " + (a.id() - 1)
                                + " (a record was deleted, inserted or reordered before it)", expected - 1, prev);
                    }
                    String h = hash(a.id(), a.time(), a.tenant(), a.kind(), a.action(), a.record(), a.prevHash());
                    if (!h.equals(a.hash())) {
                        return new Verification(n, a.id(), "its hash does not match its contents (the record was edited)", expected - 1, prev);
                    }
                    prev = a.hash();
                    expected++;
                }
            }
            return new Verification(n, null, null, expected - 1, prev);
        });
    }

    /** The records with {@code from <= time < to} (either may be null: open), in id order, each handed to {@code sink}. */
    public void export(Instant from, Instant to, Consumer<AuditRecord> sink) {
        locked(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, time, tenant, kind, action, record, prev_hash, hash FROM audit_log "
                    + "WHERE time >= ? AND time < ? ORDER BY id")) {
                p.setString(1, from == null ? "" : TIME.format(from));
                p.setString(2, to == null ? "~" : TIME.format(to));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        sink.accept(row(r));
                    }
                }
            }
            return null;
        });
    }

    /** The number of records in the log. */
    public long auditSize() {
        return locked(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM audit_log")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private static AuditRecord row(ResultSet r) throws SQLException {
        return new AuditRecord(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8));
    }

    // ---- API keys and tenants

    /** A key just made: the key itself (shown once, never stored) and its stored description. */
    public record NewKey(String key, ApiKey stored) {
    }

    /**
     * Makes a key for a tenant: 32 bytes from {@link SecureRandom} (256 bits), URL-safe Base64 after the
     * prefix {@code pk_}; only its SHA-256 is stored.
     */
    public NewKey createKey(String tenant, String role) {
        if (!ROLES.contains(role)) {
            throw new InvalidInputException(new Location("--role", 0, 0), "expected one of " + String.join(", ", ROLES) + ", got '" + role + "'");
        }
        if (tenant == null || !tenant.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new InvalidInputException(new Location("--tenant", 0, 0), "expected 1 to 64 letters, digits, '.', '_' or '-', got '" + tenant + "'");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "pk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = sha256(key);
        String id = "key_" + hash.substring(0, 12);
        locked(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO api_keys (id, hash, tenant, role, created) VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, id);
                p.setString(2, hash);
                p.setString(3, tenant);
                p.setString(4, role);
                p.setString(5, now());
                p.executeUpdate();
            }
            return null;
        });
        return new NewKey(key, new ApiKey(id, tenant, role, false));
    }

    /** The stored key a presented key hashes to, if any (revoked keys included; the caller refuses them). */
    public Optional<ApiKey> findKey(String presented) {
        String hash = sha256(presented);
        return locked(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, tenant, role, revoked FROM api_keys WHERE hash = ?")) {
                p.setString(1, hash);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new ApiKey(r.getString(1), r.getString(2), r.getString(3), r.getString(4) != null))
                            : Optional.<ApiKey>empty();
                }
            }
        });
    }

    /** Sets a tenant's context defaults; a null field leaves what was set before. */
    public void setTenantDefaults(TenantDefaults t) {
        Optional<TenantDefaults> before = tenant(t.id());
        String j = t.jurisdiction() != null ? t.jurisdiction() : before.map(TenantDefaults::jurisdiction).orElse(null);
        String d = t.domain() != null ? t.domain() : before.map(TenantDefaults::domain).orElse(null);
        String a = t.audience() != null ? t.audience() : before.map(TenantDefaults::audience).orElse(null);
        locked(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO tenants (id, jurisdiction, domain, audience, updated) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET jurisdiction = excluded.jurisdiction, domain = excluded.domain, "
                    + "audience = excluded.audience, updated = excluded.updated")) {
                p.setString(1, t.id());
                p.setString(2, j);
                p.setString(3, d);
                p.setString(4, a);
                p.setString(5, now());
                p.executeUpdate();
            }
            return null;
        });
    }

    public Optional<TenantDefaults> tenant(String id) {
        return locked(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, jurisdiction, domain, audience FROM tenants WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new TenantDefaults(r.getString(1), r.getString(2), r.getString(3), r.getString(4)))
                            : Optional.<TenantDefaults>empty();
                }
            }
        });
    }

    // ---- the review queue

    /** Puts an exchange in the review queue; returns its id. */
    public String openReview(String tenant, String context, String constitution, String action, String failMode, String norms,
                             String prompt, String answer, Long auditId) {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        String id = "rev_" + HexFormat.of().formatHex(b);
        locked(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO reviews (id, created, tenant, context, constitution, action, fail_mode, "
                    + "norms, prompt, answer, audit_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')")) {
                p.setString(1, id);
                p.setString(2, now());
                p.setString(3, tenant);
                p.setString(4, context);
                p.setString(5, constitution);
                p.setString(6, action);
                p.setString(7, failMode);
                p.setString(8, norms);
                p.setString(9, prompt);
                p.setString(10, answer);
                if (auditId == null) {
                    p.setNull(11, java.sql.Types.BIGINT);
                } else {
                    p.setLong(11, auditId);
                }
                p.executeUpdate();
            }
            return null;
        });
        return id;
    }

    /** The reviews of a tenant (null: of every tenant), optionally of one status, oldest first. */
    public List<Review> reviews(String tenant, String status) {
        return locked(c -> {
            try (PreparedStatement p = c.prepareStatement(REVIEW_COLUMNS + " WHERE (? IS NULL OR tenant = ?) AND (? IS NULL OR status = ?) "
                    + "ORDER BY created, id")) {
                p.setString(1, tenant);
                p.setString(2, tenant);
                p.setString(3, status);
                p.setString(4, status);
                List<Review> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(review(r));
                    }
                }
                return out;
            }
        });
    }

    public Optional<Review> review(String id) {
        return locked(c -> {
            try (PreparedStatement p = c.prepareStatement(REVIEW_COLUMNS + " WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(review(r)) : Optional.<Review>empty();
                }
            }
        });
    }

    /** Claims an open review for a reviewer; false when it is not open (claimed by someone else, or resolved). */
    public boolean claim(String id, String reviewer) {
        return locked(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE reviews SET status = 'claimed', claimed_by = ?, claimed_at = ? "
                    + "WHERE id = ? AND (status = 'open' OR (status = 'claimed' AND claimed_by = ?))")) {
                p.setString(1, reviewer);
                p.setString(2, now());
                p.setString(3, id);
                p.setString(4, reviewer);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** Records a reviewer's decision; false when the review is resolved already or claimed by someone else. */
    public boolean resolve(String id, String reviewer, String resolution, String note) {
        return locked(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE reviews SET status = 'resolved', resolution = ?, note = ?, resolved_by = ?, "
                    + "resolved_at = ? WHERE id = ? AND (status = 'open' OR (status = 'claimed' AND claimed_by = ?))")) {
                p.setString(1, resolution);
                p.setString(2, note);
                p.setString(3, reviewer);
                p.setString(4, now());
                p.setString(5, id);
                p.setString(6, reviewer);
                return p.executeUpdate() == 1;
            }
        });
    }

    private static final String REVIEW_COLUMNS = "SELECT id, created, tenant, context, constitution, action, fail_mode, norms, prompt, answer, "
            + "audit_id, status, claimed_by, claimed_at, resolution, note, resolved_by, resolved_at FROM reviews";

    private static Review review(ResultSet r) throws SQLException {
        long audit = r.getLong(11);
        Long auditId = r.wasNull() ? null : audit;
        return new Review(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                r.getString(8), r.getString(9), r.getString(10), auditId, r.getString(12), r.getString(13), r.getString(14),
                r.getString(15), r.getString(16), r.getString(17), r.getString(18));
    }

    // ---- plumbing

    /** Whether the database answers now (a cheap query); for health checks. */
    public boolean reachable() {
        try {
            return locked(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1")) {
                    return r.next();
                }
            });
        } catch (StoreException e) {
            return false;
        }
    }

    /** Runs on the shared connection, one operation at a time; a failed connection is dropped and opened anew next time. */
    private <T> T locked(OneConnection.Work<T> work) {
        return shared.run(work);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        writing.lock();
        StoreException gone = new StoreException(db.shown() + ": the store was closed before the record was written", null);
        for (Pending p; (p = queue.poll()) != null; ) {
            p.done().completeExceptionally(gone);
        }
        try {
            if (checkpointer != null) {
                checkpointer.shutdown();
                try {
                    checkpointer.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                closeQuietly(checkpointConnection);
            }
            shared.close();
            dropWriter();
        } finally {
            writing.unlock();
        }
    }
}
