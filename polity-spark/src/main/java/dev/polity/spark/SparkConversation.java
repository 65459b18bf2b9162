package dev.polity.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.Ids;
import dev.polity.deliberation.PolisExport;
import dev.polity.deliberation.Statement;
import dev.polity.input.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A conversation read by Spark as core's PolisExport reads it: statements (from comments.csv, or the ids
 * voted on) and participants in id order, and each participant's latest vote on each statement, numbered
 * {@code (p, s, v)} and kept in partitions. The statements and participant ids are on the driver; the votes
 * are not.
 */
record SparkConversation(String name, List<Statement> statements, List<String> participants, int[] columns, boolean[] inColumns,
                         Dataset<Row> votes) {

    static SparkConversation read(SparkSession spark, String input, Set<String> metaIds) {
        Storage storage = new Storage(spark);
        if (!storage.exists(input)) {
            throw new InvalidInputException(input, 0, "no such folder or file: expected a Polis export folder or a votes table");
        }
        boolean folder = storage.isDirectory(input) && !storage.isParquet(input);
        InputTable votes;
        String name;
        String pc;
        String sc;
        Map<String, Statement> statements = new LinkedHashMap<>();
        Set<String> listed = new HashSet<>();
        if (folder) {
            String csv = Storage.child(input, "votes.csv");
            String parquet = Storage.child(input, "votes.parquet");
            if (!storage.exists(csv) && !storage.exists(parquet)) {
                throw new InvalidInputException(input, 0, "no votes: expected votes.csv or votes.parquet in the folder");
            }
            votes = InputTable.read(spark, storage.exists(csv) ? csv : parquet, false, true);
            name = Storage.name(input);
            pc = "voter-id";
            sc = "comment-id";
            String comments = Storage.child(input, "comments.csv");
            if (storage.isFile(comments)) {
                readComments(InputTable.read(spark, comments, true, true), statements);
            }
            String wide = Storage.child(input, "participants-votes.csv");
            if (storage.isFile(wide)) {
                InputTable w = InputTable.read(spark, wide, false, true);
                w.require("a header with 'participant'", "participant");
                // participants the export lists without a vote still count: they hold a place in the participant order
                w.rows().select("participant").where(col("participant").isNotNull()).collectAsList().forEach(r -> listed.add(r.getString(0)));
            }
        } else {
            votes = InputTable.read(spark, input, false, true);
            name = Storage.name(input).replaceFirst("\\.(csv|parquet)$", "");
            pc = "participant";
            sc = "statement";
        }
        votes.require("a header with '" + pc + "', '" + sc + "' and 'vote' (optional: timestamp)", pc, sc, "vote");
        votes = votes.cached();
        List<InputTable.Rule> rules = new ArrayList<>();
        rules.add(new InputTable.Rule(col(pc).isNull().or(col(pc).equalTo("")), pc, "a participant id"));
        rules.add(new InputTable.Rule(col(sc).isNull().or(col(sc).equalTo("")), sc, "a statement id"));
        rules.add(new InputTable.Rule(voteOf(col("vote")).isNull(), "vote", PolisExport.VOTE_EXPECTED));
        boolean timed = votes.has("timestamp");
        if (timed) {
            rules.add(new InputTable.Rule(col("timestamp").try_cast(DataTypes.LongType).isNull()
                    .or(col("timestamp").try_cast(DataTypes.LongType).cast(DataTypes.StringType).notEqual(col("timestamp"))), "timestamp", "a whole number"));
        }
        votes.check(rules);
        Dataset<Row> events = votes.rows().select(col(pc).as("pid"), col(sc).as("sid"), voteOf(col("vote")).as("v"),
                (timed ? col("timestamp").try_cast(DataTypes.LongType) : col(InputTable.POSITION)).as("at"), col(InputTable.POSITION).as("pos"));
        List<String> voted = events.select("sid").distinct().collectAsList().stream().map(r -> r.getString(0)).toList();
        if (statements.isEmpty()) {
            for (String s : voted) {
                statements.put(s, new Statement(s, "", "", 1, false, null));
            }
        } else {
            for (String s : new TreeSet<>(voted)) {
                if (!statements.containsKey(s)) {
                    throw new InvalidInputException(votes.file(), 0, "unknown statement id '" + s + "' (not in comments.csv)");
                }
            }
        }
        List<Statement> st = new ArrayList<>(statements.values());
        st.sort((a, b) -> Ids.ORDER.compare(a.id(), b.id()));
        st = PolisExport.withMeta(st, metaIds);
        Set<String> ps = new TreeSet<>(Ids.ORDER);
        ps.addAll(listed);
        events.select("pid").distinct().collectAsList().forEach(r -> ps.add(r.getString(0)));
        List<String> participants = List.copyOf(ps);
        // the latest vote per participant and statement; equal times are broken by content and then position, as core does
        Dataset<Row> latest = events
                .join(index(spark, participants, "pid", "p"), "pid")
                .join(index(spark, st.stream().map(Statement::id).toList(), "sid", "s"), "sid")
                .groupBy("p", "s")
                .agg(max(struct(col("at").multiply(4).plus(col("v")).plus(1).as("order"), col("pos"), col("v"))).as("last"))
                .select(col("p"), col("s"), col("last.v").as("v"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        latest.count();
        votes.rows().unpersist();
        int[] columns = Deliberation.analysedColumns(st);
        boolean[] in = new boolean[st.size()];
        for (int j : columns) {
            in[j] = true;
        }
        return new SparkConversation(name, st, participants, columns, in, latest);
    }

    /** The vote a cell writes ({@link PolisExport#VOTES}), or null. */
    private static Column voteOf(Column cell) {
        Column v = lit(null).cast(DataTypes.IntegerType);
        for (Map.Entry<String, Byte> e : PolisExport.VOTES.entrySet()) {
            v = when(cell.equalTo(e.getKey()), lit((int) e.getValue())).otherwise(v);
        }
        return v;
    }

    /** (id, position) of each id in order, for a join. */
    private static Dataset<Row> index(SparkSession spark, List<String> ids, String idColumn, String indexColumn) {
        List<Row> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            rows.add(RowFactory.create(ids.get(i), i));
        }
        StructType schema = new StructType().add(idColumn, DataTypes.StringType, false).add(indexColumn, DataTypes.IntegerType, false);
        return org.apache.spark.sql.functions.broadcast(spark.createDataFrame(rows, schema));
    }

    /** Statements from comments.csv, checked as PolisExport checks them. */
    private static void readComments(InputTable t, Map<String, Statement> out) {
        t.require("a header with 'comment-id'", "comment-id");
        List<InputTable.Rule> rules = new ArrayList<>();
        rules.add(new InputTable.Rule(col("comment-id").isNull(), "comment-id", "a comment-id"));
        if (t.has("moderated")) {
            rules.add(new InputTable.Rule(col("moderated").try_cast(DataTypes.IntegerType).isNull(), "moderated", "a whole number"));
        }
        if (t.has("is-meta")) {
            rules.add(new InputTable.Rule(col("is-meta").isNotNull().and(org.apache.spark.sql.functions.not(col("is-meta").isin("true", "false"))), "is-meta", "true or false"));
        }
        if (t.has("group-informed-consensus")) {
            rules.add(new InputTable.Rule(col("group-informed-consensus").isNotNull()
                    .and(col("group-informed-consensus").try_cast(DataTypes.DoubleType).isNull()), "group-informed-consensus", "a number"));
        }
        t.check(rules);
        for (Row r : t.rows().collectAsList()) {
            String id = text(t, r, "comment-id");
            int moderated = t.has("moderated") ? Integer.parseInt(text(t, r, "moderated")) : 1;
            String gic = t.has("group-informed-consensus") ? text(t, r, "group-informed-consensus") : "";
            Statement s = new Statement(id, text(t, r, "comment-body"), text(t, r, "author-id"), moderated, text(t, r, "is-meta").equals("true"),
                    gic.isEmpty() ? null : Double.valueOf(gic));
            if (out.put(id, s) != null) {
                throw new InvalidInputException(t.file(), t.line(r.getLong(r.fieldIndex(InputTable.POSITION))), "duplicate comment-id '" + id + "'");
            }
        }
    }

    private static String text(InputTable t, Row r, String column) {
        if (!t.has(column)) {
            return "";
        }
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? "" : r.getString(i);
    }
}
