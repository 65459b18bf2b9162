package dev.polity.deliberation;

import dev.polity.input.CsvReader;
import dev.polity.input.AtomicFile;
import dev.polity.input.CsvTable;
import dev.polity.input.CsvWriter;
import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a Polis export folder ({@code comments.csv}, {@code votes.csv}, {@code participants-votes.csv};
 * columns as in compdemocracy/openData) or a plain {@code participant,statement,vote[,timestamp]} CSV.
 * Votes carry the export's sign (agree +1). A missing file is tolerated when the others make up for it,
 * with a warning that says what is missing.
 */
public final class PolisExport {
    private PolisExport() {
    }

    private static final Set<String> WIDE_FIXED = Set.of("participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree");

    /** Reads a folder (Polis export) or a single CSV file (plain votes). {@code metaIds} adds meta statements. */
    public static Conversation read(Path input, Set<String> metaIds) {
        if (Files.isRegularFile(input)) {
            return withMeta(readVoteTable(input), metaIds);
        }
        if (!Files.isDirectory(input)) {
            throw new InvalidInputException(input.toString(), 0, "no such folder or file: expected a Polis export folder or a votes CSV");
        }
        Path comments = input.resolve("comments.csv");
        Path votes = input.resolve("votes.csv");
        Path wide = input.resolve("participants-votes.csv");
        boolean hasComments = Files.isRegularFile(comments);
        boolean hasVotes = Files.isRegularFile(votes);
        boolean hasWide = Files.isRegularFile(wide);
        if (!hasVotes && !hasWide) {
            throw new InvalidInputException(input.toString(), 0, "no votes: expected votes.csv or participants-votes.csv in the folder");
        }
        String name = input.toAbsolutePath().normalize().getFileName().toString();
        List<String> warnings = new ArrayList<>();
        Map<String, Statement> statements = new LinkedHashMap<>();
        if (hasComments) {
            readComments(table(comments), statements);
        } else {
            warnings.add(input.resolve("comments.csv") + " missing: statements have no text, moderation or meta flags; all are analysed");
        }
        CsvTable wideTable = hasWide ? table(wide) : null;
        if (!hasWide) {
            warnings.add(wide + " missing: no Polis groups to compare with");
        }
        Votes v = new Votes();
        if (hasVotes) {
            readLongVotes(table(votes), "voter-id", "comment-id", hasComments ? statements : null, v);
        } else {
            warnings.add(votes + " missing: using the latest votes in participants-votes.csv (no vote history)");
        }
        Map<String, Integer> polisGroups = new HashMap<>();
        if (wideTable != null) {
            int pc = wideTable.column("participant");
            Integer gc = wideTable.has("group-id") ? wideTable.column("group-id") : null;
            if (gc == null) {
                warnings.add(wide + " has no group-id column: no Polis groups to compare with");
            }
            List<Integer> voteCols = new ArrayList<>();
            for (int c = 0; c < wideTable.header().size(); c++) {
                String h = wideTable.header().name(c);
                if (!WIDE_FIXED.contains(h)) {
                    if (hasComments && !statements.containsKey(h)) {
                        throw new InvalidInputException(wideTable.file(), 1, "unknown statement id '" + h + "' in the header (not in comments.csv)");
                    }
                    voteCols.add(c);
                }
            }
            for (CsvTable.Row row : wideTable.rows()) {
                String p = row.text(pc).strip();
                if (p.isEmpty()) {
                    throw new InvalidInputException(wideTable.file(), row.line(), "expected a participant id");
                }
                if (gc != null) {
                    String g = row.text(gc).strip();
                    if (!g.isEmpty()) {
                        polisGroups.put(p, row.integer(gc));
                    }
                }
                v.participants.add(p);
                if (!hasVotes) {
                    for (int c : voteCols) {
                        if (!row.text(c).isBlank()) {
                            v.add(p, wideTable.header().name(c), vote(row, c), 0, 0);
                        }
                    }
                }
            }
        }
        if (!hasComments) {
            for (String s : v.statements) {
                statements.put(s, new Statement(s, "", "", 1, false, null));
            }
        }
        return withMeta(v.conversation(name, statements, polisGroups, warnings), metaIds);
    }

    private static void readComments(CsvTable t, Map<String, Statement> out) {
        int ic = t.column("comment-id");
        Integer bc = t.has("comment-body") ? t.column("comment-body") : null;
        Integer ac = t.has("author-id") ? t.column("author-id") : null;
        Integer mc = t.has("moderated") ? t.column("moderated") : null;
        Integer metaC = t.has("is-meta") ? t.column("is-meta") : null;
        Integer gic = t.has("group-informed-consensus") ? t.column("group-informed-consensus") : null;
        for (CsvTable.Row row : t.rows()) {
            String id = row.text(ic).strip();
            if (id.isEmpty()) {
                throw new InvalidInputException(t.file(), row.line(), "expected a comment-id");
            }
            int moderated = mc == null ? 1 : row.integer(mc);
            boolean meta = false;
            if (metaC != null) {
                String m = row.text(metaC).strip();
                if (!m.equals("true") && !m.equals("false") && !m.isEmpty()) {
                    throw row.invalid(metaC, "true or false");
                }
                meta = m.equals("true");
            }
            Double gicValue = gic == null || row.isBlank(gic) ? null : row.number(gic);
            Statement s = new Statement(id, bc == null ? "" : row.text(bc).strip(), ac == null ? "" : row.text(ac).strip(),
                    moderated, meta, gicValue);
            if (out.put(id, s) != null) {
                throw new InvalidInputException(t.file(), row.line(), "duplicate comment-id '" + id + "'");
            }
        }
    }

    /**
     * One vote per row (Polis's votes.csv, or a plain table): participant, statement, vote and an optional
     * timestamp; without one, the row order is the time order. {@code known}, when given, are the only
     * statement ids allowed.
     */
    private static void readLongVotes(CsvTable t, String participantColumn, String statementColumn, Map<String, Statement> known, Votes v) {
        int pc = t.column(participantColumn);
        int sc = t.column(statementColumn);
        int vc = t.column("vote");
        Integer tc = t.has("timestamp") ? t.column("timestamp") : null;
        int position = 0;
        for (CsvTable.Row row : t.rows()) {
            String p = row.text(pc).strip();
            String s = row.text(sc).strip();
            if (p.isEmpty() || s.isEmpty()) {
                throw new InvalidInputException(t.file(), row.line(), "expected a " + participantColumn + " and a " + statementColumn);
            }
            if (known != null && !known.containsKey(s)) {
                throw new InvalidInputException(t.file(), row.line(), "unknown statement id '" + s + "' (not in comments.csv)");
            }
            byte vote = vote(row, vc);
            v.add(p, s, vote, tc == null ? position : row.longInteger(tc), position++);
        }
    }

    /** Plain votes: {@code participant,statement,vote[,timestamp]}, with that header. */
    static Conversation readVoteTable(Path file) {
        Votes v = new Votes();
        readLongVotes(table(file), "participant", "statement", null, v);
        Map<String, Statement> statements = new LinkedHashMap<>();
        for (String s : v.statements) {
            statements.put(s, new Statement(s, "", "", 1, false, null));
        }
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        return v.conversation(name, statements, Map.of(), List.of());
    }

    /**
     * A table of the export. Short rows read as empty cells (unseen votes, missing optional fields), as
     * the export format has always been read; a row longer than the header is an error.
     */
    private static CsvTable table(Path file) {
        return CsvTable.read(file, CsvReader.ShortRows.PAD);
    }

    /** How a vote cell may be written: 1 agree, -1 disagree, 0 pass (Polis export sign). */
    public static final Map<String, Byte> VOTES = Map.of("1", (byte) 1, "1.0", (byte) 1, "+1", (byte) 1,
            "-1", (byte) -1, "-1.0", (byte) -1, "0", (byte) 0, "0.0", (byte) 0, "-0", (byte) 0);
    /** What a vote cell was expected to be, for the message when it is not. */
    public static final String VOTE_EXPECTED = "a vote 1 (agree), -1 (disagree) or 0 (pass)";

    /** A vote cell ({@link #VOTES}); anything else is the user's error. */
    private static byte vote(CsvTable.Row row, int column) {
        Byte v = VOTES.get(row.text(column).strip());
        if (v == null) {
            throw row.invalid(column, VOTE_EXPECTED);
        }
        return v;
    }

    /** Marks the given statement ids as meta; an id the conversation does not have is the user's error. */
    static Conversation withMeta(Conversation c, Set<String> metaIds) {
        if (metaIds.isEmpty()) {
            return c;
        }
        return new Conversation(c.name(), withMeta(c.statements(), metaIds), c.participants(), c.votes(), c.polisGroups(), c.warnings());
    }

    /** The statements with the given ids marked as meta; an id that is not among them is the user's error. */
    public static List<Statement> withMeta(List<Statement> statements, Set<String> metaIds) {
        List<Statement> out = new ArrayList<>();
        Set<String> known = new TreeSet<>(Ids.ORDER);
        for (Statement s : statements) {
            known.add(s.id());
            out.add(metaIds.contains(s.id()) ? s.asMeta() : s);
        }
        for (String id : metaIds) {
            if (!known.contains(id)) {
                throw new InvalidInputException(null, "--meta: unknown statement id '" + id + "' (the conversation has " + known.size() + " statements)");
            }
        }
        return out;
    }

    /** Parses {@code 1,4-14} into ids; a malformed list is the user's error. */
    public static Set<String> parseIds(String spec) {
        Set<String> ids = new TreeSet<>(Ids.ORDER);
        if (spec == null || spec.isBlank()) {
            return ids;
        }
        for (String part : spec.split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-', 1);
            try {
                if (dash > 0) {
                    long from = Long.parseLong(p.substring(0, dash).strip());
                    long to = Long.parseLong(p.substring(dash + 1).strip());
                    if (to < from || to - from > 100_000) {
                        throw new InvalidInputException(null, "--meta: expected a range low-high, got '" + p + "'");
                    }
                    for (long x = from; x <= to; x++) {
                        ids.add(Long.toString(x));
                    }
                } else if (!p.isEmpty()) {
                    ids.add(p);
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException(null, "--meta: expected ids and ranges like 1,4-14, got '" + p + "'");
            }
        }
        return ids;
    }

    /** A statement to export with the time it was written (milliseconds since the epoch, as Polis writes them). */
    public record ExportedStatement(Statement statement, long timestamp) {
    }

    /** A vote to export: the latest of a participant on a statement, with its time in milliseconds since the epoch. */
    public record ExportedVote(long timestamp, String statement, String participant, int vote) {
    }

    private static final DateTimeFormatter POLIS_DATETIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * Writes {@code comments.csv} and {@code votes.csv} into {@code dir} in Polis's export format (the columns
     * of compdemocracy/openData, which {@link #read} reads back): statements with their agree and disagree counts
     * and moderation (1, 0, -1), votes one row per participant and statement.
     */
    public static void write(Path dir, List<ExportedStatement> statements, List<ExportedVote> votes) throws IOException {
        AtomicFile.folder(dir);
        Map<String, int[]> counts = new HashMap<>();
        for (ExportedVote v : votes) {
            int[] c = counts.computeIfAbsent(v.statement(), k -> new int[2]);
            if (v.vote() > 0) {
                c[0]++;
            } else if (v.vote() < 0) {
                c[1]++;
            }
        }
        CsvWriter.write(dir.resolve("comments.csv"), out -> {
            for (ExportedStatement e : statements) {
                Statement s = e.statement();
                int[] c = counts.getOrDefault(s.id(), new int[2]);
                out.row(e.timestamp(), POLIS_DATETIME.format(Instant.ofEpochMilli(e.timestamp())), s.id(), s.authorId(), c[0], c[1],
                        s.moderated(), s.meta(), s.text());
            }
        }, "timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "is-meta", "comment-body");
        CsvWriter.write(dir.resolve("votes.csv"), out -> {
            for (ExportedVote v : votes) {
                out.row(v.timestamp(), POLIS_DATETIME.format(Instant.ofEpochMilli(v.timestamp())), v.statement(), v.participant(), v.vote());
            }
        }, "timestamp", "datetime", "comment-id", "voter-id", "vote");
    }

    /** Vote events collected before the ids are known; turned into a matrix in id order. */
    private static final class Votes {
        final Set<String> participants = new TreeSet<>(Ids.ORDER);
        final Set<String> statements = new TreeSet<>(Ids.ORDER);
        final List<String> p = new ArrayList<>();
        final List<String> s = new ArrayList<>();
        final List<Byte> v = new ArrayList<>();
        final List<Long> order = new ArrayList<>();
        final List<Integer> position = new ArrayList<>();

        void add(String participant, String statement, byte vote, long at, int pos) {
            participants.add(participant);
            statements.add(statement);
            p.add(participant);
            s.add(statement);
            v.add(vote);
            order.add(at);
            position.add(pos);
        }

        Conversation conversation(String name, Map<String, Statement> known, Map<String, Integer> polisGroups, List<String> warnings) {
            List<Statement> st = new ArrayList<>(known.values());
            st.sort((a, b) -> Ids.ORDER.compare(a.id(), b.id()));
            Map<String, Integer> sIndex = new HashMap<>();
            for (int j = 0; j < st.size(); j++) {
                sIndex.put(st.get(j).id(), j);
            }
            List<String> ps = new ArrayList<>(participants);
            Map<String, Integer> pIndex = new HashMap<>();
            for (int i = 0; i < ps.size(); i++) {
                pIndex.put(ps.get(i), i);
            }
            int n = p.size();
            int[] pi = new int[n];
            int[] sj = new int[n];
            byte[] vv = new byte[n];
            long[] oo = new long[n];
            // Ties in timestamp are broken by content so that the row order of the file cannot change the result.
            for (int k = 0; k < n; k++) {
                pi[k] = pIndex.get(p.get(k));
                sj[k] = sIndex.get(s.get(k));
                vv[k] = v.get(k);
                oo[k] = order.get(k) * 4 + (vv[k] + 1);
            }
            return new Conversation(name, st, ps, VoteMatrix.of(ps.size(), st.size(), pi, sj, vv, oo), polisGroups, warnings);
        }
    }
}
