package dev.polity.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.PolisExport;
import dev.polity.deliberation.Statement;
import dev.polity.deliberation.VoteMatrix;
import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The deliberations of the participation web app, in the same SQLite file or PostgreSQL database as runs
 * and the gateway: deliberations, statements with their moderation, participants with their optional
 * self-declared attributes, and votes, one per participant and statement (a re-vote replaces, a repeated
 * submit changes nothing). Reads a deliberation back as the {@link Conversation} the deliberation engine
 * analyses, and imports one, so that the app's results come from the same code as {@code polity deliberate}.
 *
 * <p>Why one class: as with {@link RunStore}, the SQL is the class, and it shares one connection.
 */
public final class DeliberationStore implements AutoCloseable {
    /** A statement's moderation: waiting, shown to participants, or refused with a reason. */
    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_LETTERS = "abcdefghijkmnpqrstuvwxyz23456789";

    private final Database db;
    private final Clock clock;
    /** Writes go through one connection (SQLite has one writer anyway); reads through another, so that they do not wait behind writes. */
    private final OneConnection connection;
    private final OneConnection reads;

    /** A question participants may answer about themselves, with the answers they may choose from. */
    public record Question(String label, List<String> options) {
        public Question {
            options = List.copyOf(options);
        }
    }

    /** What an organiser decides when creating a deliberation. */
    public record NewDeliberation(String title, String description, boolean open, String closes, List<Question> questions) {
        public NewDeliberation {
            questions = List.copyOf(questions);
        }
    }

    /**
     * A deliberation as stored. {@code inviteToken} lets people join one that is not open; {@code closes} is a
     * date (YYYY-MM-DD) or null.
     */
    public record Stored(String id, String title, String description, boolean open, String inviteToken, String closes, String status,
                         List<Question> questions, String created, String closed) {
        public boolean isOpen() {
            return OPEN.equals(status);
        }
    }

    /** A statement as stored; {@code author} is null for the organiser's seed statements. */
    public record StoredStatement(long id, String text, Long author, String state, boolean meta, String reason, String moderatedBy,
                                  String moderatedAt, String created) {
    }

    /** A participant: a number in the deliberation and the answers to its questions (label to answer). */
    public record Participant(long id, Map<String, String> attributes, String created) {
    }

    /** The latest vote of a participant on a statement: +1 agree, -1 disagree, 0 pass. */
    public record Vote(long participant, long statement, int vote, String time) {
    }

    private DeliberationStore(Database db, Clock clock, Connection first) {
        this.db = db;
        this.clock = clock;
        this.connection = new OneConnection(db, first);
        this.reads = new OneConnection(db, null);
    }

    /**
     * Opens (creating and migrating as needed) the store at {@code location}, as {@link RunStore#open} does.
     *
     * @throws InvalidInputException one line naming the store when it cannot be opened
     */
    public static DeliberationStore open(String location, Clock clock) {
        return open(Database.at(location), clock);
    }

    /**
     * Opens a store that must exist already, for commands that only read it ({@code deliberations export}): a
     * missing SQLite file is an error, never a new empty store and folder.
     *
     * @throws InvalidInputException naming the store when there is none or it cannot be opened
     */
    public static DeliberationStore openExisting(String location, Clock clock) {
        return open(Database.existing(location), clock);
    }

    private static DeliberationStore open(Database db, Clock clock) {
        return new DeliberationStore(db, clock, db.migrated(clock, true));
    }

    public String location() {
        return db.shown();
    }

    private String now() {
        return GatewayStore.TIME.format(clock.instant());
    }

    /** {@code bytes} from {@link SecureRandom}, URL-safe Base64: 32 bytes (256 bits) for an invite token. */
    public static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String newId() {
        StringBuilder sb = new StringBuilder("d");
        for (int i = 0; i < 11; i++) {
            sb.append(ID_LETTERS.charAt(RANDOM.nextInt(ID_LETTERS.length())));
        }
        return sb.toString();
    }

    // ---- deliberations

    /** Creates a deliberation with its seed statements (accepted, numbered from 1). */
    public Stored create(NewDeliberation d, List<String> seeds) {
        String id = newId();
        String token = token(32);
        String created = now();
        connection.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO deliberations (id, title, description, open, invite_token, closes, "
                    + "status, questions, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, id);
                p.setString(2, d.title());
                p.setString(3, d.description());
                p.setInt(4, d.open() ? 1 : 0);
                p.setString(5, token);
                p.setString(6, d.closes());
                p.setString(7, OPEN);
                p.setString(8, json(d.questions()));
                p.setString(9, created);
                p.executeUpdate();
            }
            long n = 0;
            for (String s : seeds) {
                insertStatement(c, id, ++n, s, null, ACCEPTED, false, created);
            }
            return null;
        });
        return deliberation(id).orElseThrow();
    }

    public Optional<Stored> deliberation(String id) {
        List<Stored> found = select("WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every deliberation, newest first. */
    public List<Stored> deliberations() {
        return select("ORDER BY created DESC, id", null);
    }

    private List<Stored> select(String where, String arg) {
        return reads.run(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, title, description, open, invite_token, closes, status, questions, created, "
                    + "closed FROM deliberations " + where)) {
                if (arg != null) {
                    p.setString(1, arg);
                }
                List<Stored> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Stored(r.getString(1), r.getString(2), r.getString(3), r.getInt(4) == 1, r.getString(5), r.getString(6),
                                r.getString(7), questions(r.getString(8)), r.getString(9), r.getString(10)));
                    }
                }
                return out;
            }
        });
    }

    /** Closes a deliberation: no more votes or statements. */
    public void close(String id) {
        connection.run(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE deliberations SET status = ?, closed = ? WHERE id = ? AND status = ?")) {
                p.setString(1, CLOSED);
                p.setString(2, now());
                p.setString(3, id);
                p.setString(4, OPEN);
                return p.executeUpdate();
            }
        });
    }

    // ---- statements

    /** Adds a statement (a participant's, pending moderation, or an organiser's, accepted); returns its number. */
    public long addStatement(String deliberation, String text, Long author, String state) {
        String created = now();
        return connection.transaction(c -> {
            long id = next(c, "statements", deliberation);
            insertStatement(c, deliberation, id, text, author, state, false, created);
            return id;
        });
    }

    private static void insertStatement(Connection c, String deliberation, long id, String text, Long author, String state, boolean meta,
                                        String created) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO statements (deliberation, id, text, author, state, meta, created) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, deliberation);
            p.setLong(2, id);
            p.setString(3, text);
            if (author == null) {
                p.setNull(4, java.sql.Types.BIGINT);
            } else {
                p.setLong(4, author);
            }
            p.setString(5, state);
            p.setInt(6, meta ? 1 : 0);
            p.setString(7, created);
            p.executeUpdate();
        }
    }

    /** The next number in a deliberation's {@code table}, taken inside the caller's transaction. */
    private static long next(Connection c, String table, String deliberation) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table + " WHERE deliberation = ?")) {
            p.setString(1, deliberation);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Accepts or rejects a statement with the moderator's reason; false when there is no such statement. */
    public boolean moderate(String deliberation, long statement, String state, String reason, String moderator) {
        if (!List.of(ACCEPTED, REJECTED, PENDING).contains(state)) {
            throw new InvalidInputException(new Location("state", 0, 0), "expected accepted, rejected or pending, got '" + state + "'");
        }
        return connection.run(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE statements SET state = ?, reason = ?, moderated_by = ?, moderated_at = ? "
                    + "WHERE deliberation = ? AND id = ?")) {
                p.setString(1, state);
                p.setString(2, reason);
                p.setString(3, moderator);
                p.setString(4, now());
                p.setString(5, deliberation);
                p.setLong(6, statement);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** The statements of a deliberation in number order. */
    public List<StoredStatement> statements(String deliberation) {
        return reads.run(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, text, author, state, meta, reason, moderated_by, moderated_at, created "
                    + "FROM statements WHERE deliberation = ? ORDER BY id")) {
                p.setString(1, deliberation);
                List<StoredStatement> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(statement(r));
                    }
                }
                return out;
            }
        });
    }

    /** One statement of a deliberation, if there is one with that number. */
    public Optional<StoredStatement> statement(String deliberation, long id) {
        return reads.run(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, text, author, state, meta, reason, moderated_by, moderated_at, created "
                    + "FROM statements WHERE deliberation = ? AND id = ?")) {
                p.setString(1, deliberation);
                p.setLong(2, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(statement(r)) : Optional.<StoredStatement>empty();
                }
            }
        });
    }

    private static StoredStatement statement(ResultSet r) throws SQLException {
        long author = r.getLong(3);
        Long a = r.wasNull() ? null : author;
        return new StoredStatement(r.getLong(1), r.getString(2), a, r.getString(4), r.getInt(5) == 1, r.getString(6), r.getString(7),
                r.getString(8), r.getString(9));
    }

    // ---- participants and votes

    /** A new participant of a deliberation; returns its number. */
    public long join(String deliberation) {
        String created = now();
        return connection.transaction(c -> {
            long id = next(c, "participants", deliberation);
            insertParticipant(c, deliberation, id, Map.of(), created);
            return id;
        });
    }

    private static void insertParticipant(Connection c, String deliberation, long id, Map<String, String> attributes, String created)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO participants (deliberation, id, attributes, created) VALUES (?, ?, ?, ?)")) {
            p.setString(1, deliberation);
            p.setLong(2, id);
            p.setString(3, json(new TreeMap<>(attributes)));
            p.setString(4, created);
            p.executeUpdate();
        }
    }

    public Optional<Participant> participant(String deliberation, long id) {
        return reads.run(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, attributes, created FROM participants WHERE deliberation = ? AND id = ?")) {
                p.setString(1, deliberation);
                p.setLong(2, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new Participant(r.getLong(1), attributes(r.getString(2)), r.getString(3)))
                            : Optional.<Participant>empty();
                }
            }
        });
    }

    /** Every participant of a deliberation, in number order. */
    public List<Participant> participants(String deliberation) {
        return reads.run(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, attributes, created FROM participants WHERE deliberation = ? ORDER BY id")) {
                p.setString(1, deliberation);
                List<Participant> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Participant(r.getLong(1), attributes(r.getString(2)), r.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    /** Replaces a participant's self-declared attributes (label to answer; blank answers are dropped). */
    public void setAttributes(String deliberation, long participant, Map<String, String> attributes) {
        Map<String, String> kept = new TreeMap<>();
        attributes.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                kept.put(k, v);
            }
        });
        connection.run(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE participants SET attributes = ? WHERE deliberation = ? AND id = ?")) {
                p.setString(1, json(kept));
                p.setString(2, deliberation);
                p.setLong(3, participant);
                return p.executeUpdate();
            }
        });
    }

    /**
     * Records a participant's vote on a statement; when it returns, the vote is committed. A second vote on the
     * same statement replaces the first; the same vote again changes nothing.
     */
    public void vote(String deliberation, long participant, long statement, int vote) {
        if (vote < -1 || vote > 1) {
            throw new InvalidInputException(new Location("vote", 0, 0), "expected 1 (agree), -1 (disagree) or 0 (pass), got " + vote);
        }
        String time = now();
        connection.run(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO votes (deliberation, participant, statement, vote, time) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (deliberation, participant, statement) DO UPDATE SET vote = excluded.vote, time = excluded.time "
                    + "WHERE votes.vote <> excluded.vote")) {
                p.setString(1, deliberation);
                p.setLong(2, participant);
                p.setLong(3, statement);
                p.setInt(4, vote);
                p.setString(5, time);
                return p.executeUpdate();
            }
        });
    }

    /** The votes of a deliberation (of one participant when {@code participant} is not null), by participant and statement. */
    public List<Vote> votes(String deliberation, Long participant) {
        return reads.run(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT participant, statement, vote, time FROM votes WHERE deliberation = ? "
                    + (participant == null ? "" : "AND participant = ? ") + "ORDER BY participant, statement")) {
                p.setString(1, deliberation);
                if (participant != null) {
                    p.setLong(2, participant);
                }
                List<Vote> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Vote(r.getLong(1), r.getLong(2), r.getInt(3), r.getString(4)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * What changes whenever a deliberation's votes or statements do (their counts and latest times): cheap to
     * read, so that results are recomputed only when it changed.
     */
    public String version(String deliberation) {
        return reads.run(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT (SELECT COUNT(*) FROM votes WHERE deliberation = ?), "
                    + "(SELECT COALESCE(MAX(time), '') FROM votes WHERE deliberation = ?), "
                    + "(SELECT COUNT(*) FROM statements WHERE deliberation = ?), "
                    + "(SELECT COALESCE(MAX(COALESCE(moderated_at, created)), '') FROM statements WHERE deliberation = ?)")) {
                for (int i = 1; i <= 4; i++) {
                    p.setString(i, deliberation);
                }
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1) + "|" + r.getString(2) + "|" + r.getLong(3) + "|" + r.getString(4);
                }
            }
        });
    }

    /**
     * Deletes a participant's data: their votes, their statements (with everyone's votes on them) and their
     * attributes. The participant's number is not given out again.
     */
    public void deleteParticipant(String deliberation, long participant) {
        connection.transaction(c -> {
            try (PreparedStatement votesOnTheirs = c.prepareStatement("DELETE FROM votes WHERE deliberation = ? AND statement IN "
                    + "(SELECT id FROM statements WHERE deliberation = ? AND author = ?)");
                 PreparedStatement theirVotes = c.prepareStatement("DELETE FROM votes WHERE deliberation = ? AND participant = ?");
                 PreparedStatement theirStatements = c.prepareStatement("DELETE FROM statements WHERE deliberation = ? AND author = ?");
                 PreparedStatement them = c.prepareStatement("UPDATE participants SET attributes = '{}' WHERE deliberation = ? AND id = ?")) {
                votesOnTheirs.setString(1, deliberation);
                votesOnTheirs.setString(2, deliberation);
                votesOnTheirs.setLong(3, participant);
                votesOnTheirs.executeUpdate();
                for (PreparedStatement p : List.of(theirVotes, theirStatements, them)) {
                    p.setString(1, deliberation);
                    p.setLong(2, participant);
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    // ---- the engine's view

    /**
     * The deliberation as the engine reads it: statements by number (accepted 1, pending 0, rejected -1, as
     * Polis moderates), participants by number, the latest votes. Named by the deliberation's id.
     */
    public Conversation conversation(String deliberation) {
        List<StoredStatement> statements = statements(deliberation);
        List<Participant> participants = participants(deliberation);
        List<Vote> votes = votes(deliberation, null);
        List<Statement> st = new ArrayList<>();
        Map<Long, Integer> sIndex = new HashMap<>();
        for (StoredStatement s : statements) {
            sIndex.put(s.id(), st.size());
            int moderated = ACCEPTED.equals(s.state()) ? 1 : REJECTED.equals(s.state()) ? -1 : 0;
            st.add(new Statement(Long.toString(s.id()), s.text(), s.author() == null ? "" : Long.toString(s.author()), moderated, s.meta(), null));
        }
        List<String> ps = new ArrayList<>();
        Map<Long, Integer> pIndex = new HashMap<>();
        for (Participant p : participants) {
            pIndex.put(p.id(), ps.size());
            ps.add(Long.toString(p.id()));
        }
        int n = votes.size();
        int[] pi = new int[n];
        int[] sj = new int[n];
        byte[] vv = new byte[n];
        long[] order = new long[n];
        int m = 0;
        for (Vote v : votes) {
            Integer i = pIndex.get(v.participant());
            Integer j = sIndex.get(v.statement());
            if (i == null || j == null) {
                continue; // a vote whose participant or statement went (deleted data)
            }
            pi[m] = i;
            sj[m] = j;
            vv[m] = (byte) v.vote();
            m++;
        }
        VoteMatrix matrix = VoteMatrix.of(ps.size(), st.size(), java.util.Arrays.copyOf(pi, m), java.util.Arrays.copyOf(sj, m),
                java.util.Arrays.copyOf(vv, m), java.util.Arrays.copyOf(order, m));
        return new Conversation(deliberation, st, ps, matrix, Map.of(), List.of());
    }

    /**
     * Imports a conversation (a Polis export) as a new deliberation: its statements with their numbers, text,
     * moderation and meta flags, its participants with their numbers, their latest votes. Ids must be whole
     * numbers, as Polis writes them.
     *
     * @throws InvalidInputException naming the first id that is not a whole number
     */
    public Stored importConversation(Conversation conv, NewDeliberation d) {
        for (Statement s : conv.statements()) {
            number(s.id(), "comment-id");
        }
        for (String p : conv.participants()) {
            number(p, "voter-id");
        }
        Stored created = create(d, List.of());
        String time = now();
        connection.transaction(c -> {
            for (Statement s : conv.statements()) {
                String state = s.moderated() > 0 ? ACCEPTED : s.moderated() < 0 ? REJECTED : PENDING;
                Long author = s.authorId() == null || s.authorId().isBlank() ? null : parseOrNull(s.authorId());
                insertStatement(c, created.id(), Long.parseLong(s.id()), s.text(), author, state, s.meta(), time);
            }
            for (String p : conv.participants()) {
                insertParticipant(c, created.id(), Long.parseLong(p), Map.of(), time);
            }
            VoteMatrix m = conv.votes();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO votes (deliberation, participant, statement, vote, time) VALUES (?, ?, ?, ?, ?)")) {
                int batch = 0;
                for (int i = 0; i < m.participants(); i++) {
                    for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                        p.setString(1, created.id());
                        p.setLong(2, Long.parseLong(conv.participants().get(i)));
                        p.setLong(3, Long.parseLong(conv.statements().get(m.rowCol(k)).id()));
                        p.setInt(4, m.rowVote(k));
                        p.setString(5, time);
                        p.addBatch();
                        if (++batch % 1000 == 0) {
                            p.executeBatch();
                        }
                    }
                }
                p.executeBatch();
            }
            return null;
        });
        return created;
    }

    private static void number(String id, String column) {
        if (parseOrNull(id) == null) {
            throw new InvalidInputException(new Location(column, 0, 0), "expected whole-number ids as Polis writes them, got '" + id + "'");
        }
    }

    private static Long parseOrNull(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Writes a deliberation in Polis's export format into {@code dir} ({@code comments.csv}, {@code votes.csv}:
     * one row per participant and statement, the latest vote), which {@code polity deliberate} reads.
     */
    public void exportPolis(String deliberation, Path dir) throws IOException {
        List<PolisExport.ExportedStatement> statements = new ArrayList<>();
        Conversation c = conversation(deliberation);
        List<StoredStatement> stored = statements(deliberation);
        for (int j = 0; j < stored.size(); j++) {
            statements.add(new PolisExport.ExportedStatement(c.statements().get(j), millis(stored.get(j).created())));
        }
        List<PolisExport.ExportedVote> votes = new ArrayList<>();
        for (Vote v : votes(deliberation, null)) {
            votes.add(new PolisExport.ExportedVote(millis(v.time()), Long.toString(v.statement()), Long.toString(v.participant()), v.vote()));
        }
        PolisExport.write(dir, statements, votes);
    }

    private static long millis(String time) {
        return java.time.Instant.parse(time).toEpochMilli();
    }

    // ---- JSON columns

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Question> questions(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Question>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("deliberations.questions: not the JSON this store writes: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, String> attributes(String json) {
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("participants.attributes: not the JSON this store writes: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        connection.close();
        reads.close();
    }
}
