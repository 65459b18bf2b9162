package dev.polity.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polity.model.Answer;
import dev.polity.model.AnswerRequest;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs, their answers, the answer cache and verdicts, in SQLite (a file, the default) or PostgreSQL (a
 * shared server). Every answer is stored, with its request, before anything judges it; an item of a run is
 * stored at most once (a second store of the same item returns the first one's id); storing an answer
 * also caches it under its request hash, so identical requests in later runs need no model.
 *
 * <p>One connection serves all threads, one operation at a time (SQLite allows one writer anyway); other
 * processes may use the same SQLite file, which runs in WAL mode with a busy timeout.
 *
 * <p>Every time the store writes comes from its clock, and run ids from that time and the run's provenance,
 * so a store opened with a fixed clock gives the same ids and timestamps on every run (reports compare byte
 * for byte).
 *
 * <p>Why one class of about 500 lines: every statement shares one connection, its dialect (SQLite or
 * PostgreSQL) and one transaction discipline (an answer is committed before its verdicts); the SQL is
 * the class, and it reads best in one place.
 */
public final class RunStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Which database a store is in. */
    public enum Dialect { SQLITE, POSTGRESQL }

    private final String location;
    private final Dialect dialect;
    private final Connection connection;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    private RunStore(String location, Dialect dialect, Connection connection, Clock clock) {
        this.location = location;
        this.dialect = dialect;
        this.connection = connection;
        this.clock = clock;
    }

    /** {@link #open(String, Clock)} with the system clock. */
    public static RunStore open(String location) {
        return open(location, Clock.systemUTC());
    }

    /**
     * Whether a store is there to be read: false when nothing is at a SQLite path (reading commands
     * then create nothing); true for PostgreSQL, which only connecting can tell.
     */
    public static boolean exists(String location) {
        return Database.exists(location);
    }

    /**
     * Opens a store that must exist already, for commands that only read runs (report, resume, gate): a
     * missing SQLite file is an error, never a new empty store and folder.
     *
     * @throws InvalidInputException naming the store when there is none or it cannot be opened
     */
    public static RunStore openExisting(String location, Clock clock) {
        return open(Database.existing(location), clock);
    }

    /**
     * Opens (creating and migrating as needed) the store at {@code location}: a file path or
     * {@code jdbc:sqlite:PATH} for SQLite, {@code jdbc:postgresql://HOST:PORT/DB?user=...} for PostgreSQL.
     *
     * @param clock where every stored time comes from (a fixed clock pins run ids and timestamps)
     * @throws InvalidInputException one line naming the store when it cannot be opened
     */
    public static RunStore open(String location, Clock clock) {
        return open(Database.at(location), clock);
    }

    private static RunStore open(Database db, Clock clock) {
        return new RunStore(db.shown(), db.dialect(), db.migrated(clock, false), clock);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The store's location as given, with any password hidden. */
    public String location() {
        return location;
    }

    /** The schema version of this store. */
    public int schemaVersion() {
        return locked(() -> Migrations.current(connection));
    }

    // ---- runs

    /** The clock this store stamps times with. */
    public Clock clock() {
        return clock;
    }

    /**
     * Records a new run and returns its id, e.g. {@code 20261129-170737-3fa2c1}: the start time (UTC) and six
     * hex digits of the SHA-256 of the start instant, the provenance and an attempt number, taken up by one
     * when the id is in use already (the same provenance started twice in one instant).
     */
    public String createRun(Provenance provenance) {
        Instant now = clock.instant();
        String created = now.toString();
        String written = json(provenance);
        return locked(() -> {
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO runs (id, created, provenance) VALUES (?, ?, ?) "
                    + "ON CONFLICT (id) DO NOTHING")) {
                for (int attempt = 0; ; attempt++) {
                    String id = RUN_STAMP.format(now) + "-" + Provenance.sha256(created + "\n" + written + "\n" + attempt).substring(0, 6);
                    p.setString(1, id);
                    p.setString(2, created);
                    p.setString(3, written);
                    if (p.executeUpdate() == 1) {
                        return id;
                    }
                }
            }
        });
    }

    /** Ids of all runs, newest first. */
    public List<String> runIds() {
        return locked(() -> {
            List<String> out = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM runs ORDER BY created DESC, id DESC")) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        });
    }

    /** Records what a run means to ask; items already planned are left as they are. */
    public void plan(String runId, Collection<PlannedRequest> items) {
        locked(() -> inTransaction(() -> {
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO run_items (run_id, case_id, context, probe, request_hash, request) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, case_id, context, probe) DO NOTHING")) {
                for (PlannedRequest it : items) {
                    p.setString(1, runId);
                    p.setString(2, it.item().caseId());
                    p.setString(3, it.item().context());
                    p.setString(4, it.item().probe());
                    p.setString(5, it.requestHash());
                    p.setString(6, it.request().toJson());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        }));
    }

    /** The planned items of a run that have no stored answer yet (by case, context, probe): what a resumed run still asks. */
    public List<PlannedRequest> unanswered(String runId) {
        return locked(() -> {
            List<PlannedRequest> out = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement("SELECT i.case_id, i.context, i.probe, i.request_hash, i.request FROM run_items i "
                    + "WHERE i.run_id = ? AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.run_id = i.run_id AND a.case_id = i.case_id "
                    + "AND a.context = i.context AND a.probe = i.probe) ORDER BY i.case_id, i.context, i.probe")) {
                p.setString(1, runId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new PlannedRequest(new RunItem(r.getString(1), r.getString(2), r.getString(3)), r.getString(4),
                                AnswerRequest.fromJson(r.getString(5))));
                    }
                }
            }
            return out;
        });
    }

    // ---- answers and the cache

    /** One answer to store: an item of a run, the request sent, and what came back. */
    public record NewAnswer(RunItem item, String requestHash, AnswerRequest request, Answer answer) {
    }

    /**
     * Stores an answer, and caches it under its request hash, in one transaction. Returns the answer's id;
     * when the item was stored before, nothing changes and the earlier answer's id is returned.
     */
    public String storeAnswer(String runId, NewAnswer answer) {
        return storeAnswers(runId, List.of(answer)).get(0);
    }

    /** {@link #storeAnswer} for many answers in one transaction; ids in the order given. */
    public List<String> storeAnswers(String runId, List<NewAnswer> answers) {
        return locked(() -> inTransaction(() -> {
            List<String> ids = new ArrayList<>(answers.size());
            String now = clock.instant().toString();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO answers (id, run_id, case_id, context, probe, request_hash, "
                    + "request, answer_text, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (run_id, case_id, context, probe) DO NOTHING");
                 PreparedStatement cache = connection.prepareStatement("INSERT INTO answer_cache (request_hash, request, answer_text, metadata, created) "
                         + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (request_hash) DO NOTHING");
                 PreparedStatement existing = connection.prepareStatement("SELECT id FROM answers WHERE run_id = ? AND case_id = ? AND context = ? AND probe = ?")) {
                for (NewAnswer a : answers) {
                    String id = UUID.randomUUID().toString();
                    String request = a.request().toJson();
                    String metadata = metadata(a.answer());
                    insert.setString(1, id);
                    insert.setString(2, runId);
                    insert.setString(3, a.item().caseId());
                    insert.setString(4, a.item().context());
                    insert.setString(5, a.item().probe());
                    insert.setString(6, a.requestHash());
                    insert.setString(7, request);
                    insert.setString(8, a.answer().text());
                    insert.setString(9, metadata);
                    insert.setString(10, now);
                    if (insert.executeUpdate() == 0) {
                        existing.setString(1, runId);
                        existing.setString(2, a.item().caseId());
                        existing.setString(3, a.item().context());
                        existing.setString(4, a.item().probe());
                        try (ResultSet r = existing.executeQuery()) {
                            r.next();
                            id = r.getString(1);
                        }
                    }
                    ids.add(id);
                    cache.setString(1, a.requestHash());
                    cache.setString(2, request);
                    cache.setString(3, a.answer().text());
                    cache.setString(4, metadata);
                    cache.setString(5, now);
                    cache.executeUpdate();
                }
            }
            return ids;
        }));
    }

    /** The cached answer to a request, from any run, if one was stored. */
    public Optional<Answer> cached(String requestHash) {
        return locked(() -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT answer_text, metadata FROM answer_cache WHERE request_hash = ?")) {
                p.setString(1, requestHash);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(answer(r.getString(1), r.getString(2))) : Optional.<Answer>empty();
                }
            }
        });
    }

    /** The answers stored for a run, in item order. */
    public List<StoredAnswer> answers(String runId) {
        return locked(() -> {
            List<StoredAnswer> out = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement("SELECT id, case_id, context, probe, request_hash, request, answer_text, metadata, "
                    + "created FROM answers WHERE run_id = ? ORDER BY case_id, context, probe")) {
                p.setString(1, runId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredAnswer(r.getString(1), runId, new RunItem(r.getString(2), r.getString(3), r.getString(4)),
                                r.getString(5), AnswerRequest.fromJson(r.getString(6)), answer(r.getString(7), r.getString(8)),
                                Instant.parse(r.getString(9))));
                    }
                }
            }
            return out;
        });
    }

    // ---- verdicts

    /** Stores verdicts; a verdict for the same answer, norm and detector replaces the earlier one. */
    public void storeVerdicts(Collection<StoredVerdict> verdicts) {
        locked(() -> inTransaction(() -> {
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO verdicts (answer_id, norm_id, detector, outcome, confidence, evidence, created) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (answer_id, norm_id, detector) DO UPDATE SET outcome = excluded.outcome, "
                    + "confidence = excluded.confidence, evidence = excluded.evidence, created = excluded.created")) {
                String now = clock.instant().toString();
                for (StoredVerdict v : verdicts) {
                    p.setString(1, v.answerId());
                    p.setString(2, v.normId());
                    p.setString(3, v.detector());
                    p.setString(4, v.outcome());
                    p.setDouble(5, v.confidence());
                    p.setString(6, v.evidence());
                    p.setString(7, now);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        }));
    }

    /** The verdicts on a run's answers, by answer item then norm then detector. */
    public List<StoredVerdict> verdicts(String runId) {
        return locked(() -> {
            List<StoredVerdict> out = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement("SELECT v.answer_id, v.norm_id, v.detector, v.outcome, v.confidence, v.evidence "
                    + "FROM verdicts v JOIN answers a ON a.id = v.answer_id WHERE a.run_id = ? "
                    + "ORDER BY a.case_id, a.context, a.probe, v.norm_id, v.detector")) {
                p.setString(1, runId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredVerdict(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getDouble(5), r.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    /** A run read back whole, or empty when there is no run with this id. */
    public Optional<RunRecord> run(String runId) {
        Optional<Object[]> head = locked(() -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT created, provenance FROM runs WHERE id = ?")) {
                p.setString(1, runId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new Object[] {r.getString(1), r.getString(2)}) : Optional.<Object[]>empty();
                }
            }
        });
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Provenance provenance;
        try {
            provenance = JSON.readValue((String) head.get()[1], Provenance.class);
        } catch (JsonProcessingException e) {
            throw new StoreException(location + ": run " + runId + " has unreadable provenance: " + e.getOriginalMessage(), e);
        }
        return Optional.of(new RunRecord(runId, Instant.parse((String) head.get()[0]), provenance, answers(runId), verdicts(runId)));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(location + ": cannot close: " + oneLine(e), e);
        } finally {
            lock.unlock();
        }
    }

    // ---- plumbing

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T locked(SqlWork<T> work) {
        lock.lock();
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException(location + ": " + oneLine(e), e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        return OneConnection.inTransaction(connection, c -> work.run());
    }

    static String metadata(Answer a) {
        ObjectNode m = JSON.createObjectNode();
        m.put("model", a.modelId());
        m.put("latency_ms", a.latency().toNanos() / 1e6);
        if (a.inputTokens() != null) {
            m.put("input_tokens", a.inputTokens());
        }
        if (a.outputTokens() != null) {
            m.put("output_tokens", a.outputTokens());
        }
        if (a.finishReason() != null) {
            m.put("finish_reason", a.finishReason());
        }
        return m.toString();
    }

    static Answer answer(String text, String metadata) {
        try {
            JsonNode m = JSON.readTree(metadata);
            return new Answer(text, m.path("model").asText(), Duration.ofNanos(Math.round(m.path("latency_ms").asDouble() * 1e6)),
                    m.has("input_tokens") ? m.get("input_tokens").asInt() : null,
                    m.has("output_tokens") ? m.get("output_tokens").asInt() : null,
                    m.has("finish_reason") ? m.get("finish_reason").asText() : null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable answer metadata: " + e.getOriginalMessage(), e);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String oneLine(Throwable e) {
        return Database.oneLine(e);
    }

    /** Hides a password given in a JDBC URL, so it never reaches a message or a log. */
    static String redact(String location) {
        return Database.redact(location);
    }
}
