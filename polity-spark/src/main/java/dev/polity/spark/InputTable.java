package dev.polity.spark;

import dev.polity.input.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * A table a job reads: a CSV file with a header (read by Spark's own CSV reader, the one exception to
 * core's single CSV reader, since the rows are read by the executors) or Parquet (a file or a folder of
 * them). Every column is read as text and checked on the driver before any work starts, so that a missing
 * column, a value of the wrong type or an empty table is one message naming the file, the column and the
 * value, not a stack trace from an executor.
 */
record InputTable(String file, Dataset<Row> rows) {

    /** The row's position in the file: Spark numbers a single file's rows in file order. */
    static final String POSITION = "_position";

    /**
     * Reads {@code path} with every column as trimmed text and the position of each row; {@code multiLine}
     * for CSV whose quoted fields span lines (Polis comments).
     */
    static InputTable read(SparkSession spark, String file, boolean multiLine) {
        Storage storage = new Storage(spark);
        if (!storage.exists(file)) {
            throw new InvalidInputException(file, 0, "no such file or folder");
        }
        Dataset<Row> raw;
        if (storage.isParquet(file)) {
            raw = spark.read().parquet(file);
        } else if (storage.isFile(file)) {
            raw = spark.read().option("header", "true").option("inferSchema", "false").option("mode", "FAILFAST")
                    .option("escape", "\"").option("multiLine", Boolean.toString(multiLine)).csv(file);
        } else {
            throw new InvalidInputException(file, 0, "expected a CSV file, a Parquet file or a folder of Parquet files");
        }
        List<Column> cols = new ArrayList<>();
        for (String c : raw.columns()) {
            cols.add(functions.trim(functions.col("`" + c + "`").cast(DataTypes.StringType)).as(c.strip()));
        }
        cols.add(functions.monotonically_increasing_id().as(POSITION));
        return new InputTable(file, raw.select(cols.toArray(Column[]::new)));
    }

    /**
     * The same table kept by Spark (in memory, spilling to disk) once first read, so that the check and the
     * passes after it parse the file once; unpersist its rows when done.
     */
    InputTable cached() {
        return new InputTable(file, rows.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK()));
    }

    /** Whether the table has the column (names compare without case, as Spark resolves them). */
    boolean has(String column) {
        return Stream.of(rows.columns()).anyMatch(c -> c.equalsIgnoreCase(column));
    }

    /** The column names as the header writes them, without the row position. */
    List<String> names() {
        return Stream.of(rows.columns()).filter(x -> !x.equals(POSITION)).toList();
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
     * values in {@code show} and saying what was {@code expected}. One pass over the table per call; jobs
     * combine their checks in {@link #check(List)}.
     */
    record Rule(Column bad, String column, String expected) {
    }

    /** Runs every rule in one pass; the first broken one (in list order) is the error. Also fails on an empty table. */
    long check(List<Rule> rules) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(functions.count(functions.lit(1)));
        for (Rule r : rules) {
            // the first offending row in file order: its position and its value
            aggs.add(functions.min(functions.when(r.bad(), functions.col(POSITION))));
        }
        Row counts = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        long n = counts.getLong(0);
        if (n == 0) {
            throw new InvalidInputException(file, 2, "no rows: expected a header and at least one row");
        }
        for (int k = 0; k < rules.size(); k++) {
            if (!counts.isNullAt(k + 1)) {
                Rule r = rules.get(k);
                long at = counts.getLong(k + 1);
                Row row = rows.filter(functions.col(POSITION).equalTo(at)).select(functions.col(r.column())).first();
                String value = row.isNullAt(0) ? "" : row.getString(0);
                throw new InvalidInputException(file, line(at), "column '" + r.column() + "': expected " + r.expected() + ", got '" + value + "'");
            }
        }
        return n;
    }

    /**
     * The line of the row at {@code position} in a CSV file (the header is line 1; exact unless quoted fields
     * span lines), or its row number in Parquet: the rows before it, counted (only ever on the way to an error).
     */
    int line(long position) {
        return (int) Math.min(Integer.MAX_VALUE, rows.filter(functions.col(POSITION).lt(position)).count() + 2);
    }
}
