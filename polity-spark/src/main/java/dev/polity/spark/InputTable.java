package dev.polity.spark;

import dev.polity.input.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table a job reads: a CSV file with a header (read by Spark's own CSV reader, the one exception to
 * core's single CSV reader, since the rows are read by the executors) or Parquet (a file or a folder of
 * them). Every column is read as text and checked on the driver before any work starts, so that a missing
 * column, a value of the wrong type, a record with more (or, unless {@code padded}, fewer) fields than the
 * header or an empty table is one message naming the file, the line, the column and the value, not a stack
 * trace from an executor.
 */
record InputTable(String file, Dataset<Row> rows, int fields, boolean padded) {

    /** The row's position in the file: Spark numbers a single file's rows in file order. */
    static final String POSITION = "_position";

    /** A CSV record whose fields do not match the header, as written (null for every other record). */
    static final String MALFORMED = "_malformed";

    /**
     * Reads {@code file} with every column as trimmed text and the position of each row; {@code multiLine}
     * for CSV whose quoted fields span lines (Polis comments); {@code padded} when a CSV record may have fewer
     * fields than the header, the missing ones empty (Polis exports, as core's PolisExport reads them).
     */
    static InputTable read(SparkSession spark, String file, boolean multiLine, boolean padded) {
        Storage storage = new Storage(spark);
        if (!storage.exists(file)) {
            throw new InvalidInputException(file, 0, "no such file or folder");
        }
        Dataset<Row> raw;
        if (storage.isParquet(file)) {
            raw = parquet(spark, file);
        } else if (storage.isFile(file)) {
            raw = csv(spark, file, multiLine);
        } else {
            throw new InvalidInputException(file, 0, "expected a CSV file, a Parquet file or a folder of Parquet files");
        }
        List<Column> cols = new ArrayList<>();
        int fields = 0;
        for (String c : raw.columns()) {
            cols.add(functions.trim(functions.col("`" + c + "`").cast(DataTypes.StringType)).as(c.equals(MALFORMED) ? c : c.strip()));
            fields += c.equals(MALFORMED) ? 0 : 1;
        }
        cols.add(functions.monotonically_increasing_id().as(POSITION));
        return new InputTable(file, raw.select(cols.toArray(Column[]::new)), fields, padded);
    }

    /**
     * The CSV's rows as text under the header's names, in Spark's PERMISSIVE mode: a record whose fields do
     * not match the header is kept whole in {@link #MALFORMED} for the check to name, where FAILFAST would
     * fail an executor's task mid-job.
     */
    private static Dataset<Row> csv(SparkSession spark, String file, boolean multiLine) {
        DataFrameReader reader = spark.read().option("header", "true").option("inferSchema", "false").option("escape", "\"")
                .option("multiLine", Boolean.toString(multiLine));
        StructType header = reader.csv(file).schema();
        if (header.isEmpty()) {
            return reader.csv(file);
        }
        StructType schema = new StructType();
        for (StructField f : header.fields()) {
            schema = schema.add(f.name(), DataTypes.StringType, true);
        }
        return reader.schema(schema.add(MALFORMED, DataTypes.StringType, true)).option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", MALFORMED).csv(file);
    }

    /** Parquet's rows, or one line when the files cannot be read as Parquet (Spark reads their footers on the driver). */
    private static Dataset<Row> parquet(SparkSession spark, String file) {
        try {
            return spark.read().parquet(file);
        } catch (Exception e) {
            // Spark's own exceptions (SparkException, AnalysisException) are checked ones in Java's eyes
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("").strip();
            throw new InvalidInputException(file, 0, "expected Parquet files, but Spark cannot read them: " + why);
        }
    }

    /**
     * The same table kept by Spark (in memory, spilling to disk) once first read, so that the check and the
     * passes after it parse the file once; unpersist its rows when done.
     */
    InputTable cached() {
        return new InputTable(file, rows.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK()), fields, padded);
    }

    /** Whether the table has the column (names compare without case, as Spark resolves them). */
    boolean has(String column) {
        return names().stream().anyMatch(c -> c.equalsIgnoreCase(column));
    }

    /** The column names as the header writes them, without the row position. */
    List<String> names() {
        return Stream.of(rows.columns()).filter(x -> !x.equals(POSITION) && !x.equals(MALFORMED)).toList();
    }

    /** Fails unless the table has these columns, with {@code expected} saying what the header should be. */
    void require(String expected, String... columns) {
        for (String c : columns) {
            if (!has(c)) {
                throw new InvalidInputException(file, 1, "no column '" + c + "': expected " + expected + "; the header has " + names());
            }
        }
    }

    /**
     * Fails when a row breaks {@code bad} (a condition on the row's columns), naming the first such row by its
     * value in {@code column} and saying what was {@code expected}. One pass over the table per call; jobs
     * combine their checks in {@link #check(List)}.
     */
    record Rule(Column bad, String column, String expected) {
    }

    /**
     * Runs every rule in one pass; the first broken one (in list order) is the error, after a CSV record whose
     * fields do not match the header. Also fails on an empty table.
     */
    long check(List<Rule> rules) {
        List<Rule> all = new ArrayList<>();
        boolean csv = List.of(rows.columns()).contains(MALFORMED);
        if (csv) {
            Column malformed = functions.col(MALFORMED).isNotNull();
            all.add(new Rule(padded ? malformed.and(fieldCount(functions.col(MALFORMED)).gt(fields)) : malformed, MALFORMED,
                    fields + " fields as in the header"));
        }
        all.addAll(rules);
        List<Column> aggs = new ArrayList<>();
        for (Rule r : all) {
            // the first offending row in file order
            aggs.add(functions.min(functions.when(r.bad(), functions.col(POSITION))));
        }
        Row counts = rows.agg(functions.count(functions.lit(1)), aggs.toArray(Column[]::new)).first();
        long n = counts.getLong(0);
        if (n == 0) {
            throw new InvalidInputException(file, 2, "no rows: expected a header and at least one row");
        }
        for (int k = 0; k < all.size(); k++) {
            if (!counts.isNullAt(k + 1)) {
                Rule r = all.get(k);
                long at = counts.getLong(k + 1);
                // with another column beside it: Spark refuses a query of a CSV's malformed-record column alone
                Row row = rows.filter(functions.col(POSITION).equalTo(at)).select(functions.col(r.column()),
                        fieldCount(functions.col(r.column())), functions.col(POSITION)).first();
                String value = row.isNullAt(0) ? "" : row.getString(0);
                String got = !r.column().equals(MALFORMED) ? "column '" + r.column() + "': expected " + r.expected()
                        : row.getInt(1) == fields ? "expected " + r.expected() + ", got a quoted field that does not close"
                        : "expected " + r.expected() + ", got " + row.getInt(1);
                throw new InvalidInputException(file, line(at), got + (r.column().equals(MALFORMED) ? ": '" : ", got '") + value + "'");
            }
        }
        return n;
    }

    /** The fields of a CSV record: its commas outside quoted fields, plus one. */
    private static Column fieldCount(Column record) {
        return functions.size(functions.split(functions.regexp_replace(record, "\"([^\"]|\"\")*\"", ""), ",", -1));
    }

    /**
     * The line of the row at {@code position} in a CSV file (the header is line 1; exact unless quoted fields
     * span lines), or its row number in Parquet (from 1): the rows before it, counted (only ever on the way to
     * an error).
     */
    int line(long position) {
        long header = List.of(rows.columns()).contains(MALFORMED) ? 1 : 0;
        return (int) Math.min(Integer.MAX_VALUE, rows.filter(functions.col(POSITION).lt(position)).count() + 1 + header);
    }
}
