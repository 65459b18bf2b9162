package dev.polity.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.polity.choice.Choices;
import dev.polity.choice.Fit;
import dev.polity.choice.GroupAnalysis;
import dev.polity.choice.Groups;
import dev.polity.choice.LuceModel;
import dev.polity.choice.PairCounts;
import dev.polity.choice.PairwiseReader;
import dev.polity.input.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Bradley-Terry strengths from pairwise comparisons ({@code winner,loser[,weight,tie,...]}, CSV or Parquet),
 * as {@code polity aggregate --model bradley-terry --method ilsr --alpha 0} computes them. Spark reads the
 * rows, numbers the items as core's PairwiseReader does and sums the wins of every pair (ties count half);
 * the fit runs on those sums. When they fit in the driver, core's I-LSR (Maystre and Grossglauser 2015)
 * runs on them as it does in {@code aggregate}; above {@link #DRIVER_PAIRS} distinct pairs the pairs stay
 * in partitions and core's MM iteration (Hunter 2004) sums its denominators over them, a pass per iteration.
 * Both reach the same maximum-likelihood strengths.
 */
final class PairwiseJob {
    /**
     * Distinct pairs up to which the fit runs on the driver: about 40 bytes a pair there (2 GB at the limit),
     * and I-LSR converges in about ten sweeps where MM needs hundreds to thousands of passes over the pairs.
     */
    static final long DRIVER_PAIRS = 50_000_000L;

    /** Comparisons per shuffle partition at most: about 50 MB of pair sums a partition. */
    static final long COMPARISONS_PER_PARTITION = 2_000_000L;

    /** Where the fit runs. */
    enum Where { AUTO, DRIVER, DISTRIBUTED }

    /**
     * What the job found: the items in core's order, the fit, the sizes behind it, the groups' utilities (or
     * null), and the fits that stopped short of converging, as 'aggregate' names them.
     */
    record Result(List<Object> items, Fit fit, long comparisons, long pairs, boolean distributed, GroupAnalysis.GroupInput groups,
                  List<String> unconverged) {
    }

    private PairwiseJob() {
    }

    static Result run(SparkSession spark, String path, Where where, Stages stages) {
        return run(spark, path, where, List.of(), stages);
    }

    /** The fit, and with {@code attributes} each group's fit as 'aggregate --groups' makes it (rater attributes, crossed). */
    static Result run(SparkSession spark, String path, Where where, List<String> attributes, Stages stages) {
        InputTable in = stages.time("read and check", () -> checked(InputTable.read(spark, path, false, false), attributes).cached());
        Dataset<Row> rows = in.rows();
        long comparisons = stages.time("read and check", () -> in.check(rules(in)));
        partitionsFor(spark, comparisons);
        List<Object> items = new ArrayList<>();
        Dataset<Row> index = stages.time("number the items", () -> numberItems(spark, rows, items));
        Dataset<Row> pairs = pairCounts(rows, index, in).persist(StorageLevel.MEMORY_AND_DISK());
        long distinct = stages.time("count pairs", pairs::count);
        if (attributes.isEmpty()) {
            rows.unpersist(); // the fit needs the pair sums only: their memory is the fit's
        }
        boolean distributed = where == Where.DISTRIBUTED || where == Where.AUTO && distinct > DRIVER_PAIRS;
        Fit fit = distributed
                ? stages.time("fit (distributed MM)", () -> distributedFit(spark, pairs, items.size()))
                : stages.time("fit (I-LSR on the driver)", () -> LuceModel.fit(Choices.of(collect(pairs, items.size(), distinct)), LuceModel.Method.ILSR, 0));
        pairs.unpersist();
        List<String> unconverged = new ArrayList<>();
        if (!fit.converged()) {
            unconverged.add(fit.stoppedShort("bradley-terry by " + fit.method().id()));
        }
        GroupAnalysis.GroupInput groups = attributes.isEmpty() ? null
                : stages.time("group fits", () -> groups(spark, in, index, attributes, unconverged));
        rows.unpersist();
        return new Result(items, fit, comparisons, distinct, distributed, groups, unconverged);
    }

    /**
     * At least one shuffle partition per {@link #COMPARISONS_PER_PARTITION} comparisons: a partition's pair sums
     * become one block in an executor's memory for the distributed fit, and four partitions of 25 million
     * pairs each (local mode's default on two cores) ran a 6 GB heap out of memory on 100 million comparisons.
     * A larger setting (spark-submit's) stands.
     */
    private static void partitionsFor(SparkSession spark, long comparisons) {
        String key = "spark.sql.shuffle.partitions";
        long wanted = Math.min(100_000, (comparisons + COMPARISONS_PER_PARTITION - 1) / COMPARISONS_PER_PARTITION);
        if (wanted > Long.parseLong(spark.conf().get(key))) {
            spark.conf().set(key, Long.toString(wanted));
        }
    }

    private static InputTable checked(InputTable in, List<String> attributes) {
        if (!in.has("winner") || !in.has("loser")) {
            throw new InvalidInputException(in.file(), 1, "expected a header with columns 'winner,loser' (optional: rater,weight,tie,attributes...)");
        }
        List<String> available = in.names().stream().filter(c -> !List.of("winner", "loser", "weight", "tie").contains(c.toLowerCase(Locale.ROOT))).toList();
        for (String g : attributes) {
            if (!available.contains(g)) {
                throw new InvalidInputException(in.file(), 1, "--groups: no attribute column '" + g + "'; attributes are " + available);
            }
        }
        return in;
    }

    /**
     * Each group's pair sums, summed in Spark in one aggregation, then core's per-group fit
     * (GroupAnalysis.fromPairCounts). A group is a crossed label of attribute values (core's Groups.label),
     * in order of first appearance; its size is its distinct raters (or rows without a rater column).
     */
    private static GroupAnalysis.GroupInput groups(SparkSession spark, InputTable in, Dataset<Row> index, List<String> attributes, List<String> unconverged) {
        Dataset<Row> rows = in.rows();
        Column[] attrs = attributes.stream().map(a -> col("`" + a + "`")).toArray(Column[]::new);
        // the label of every combination of values, made by core on the driver (there are few)
        List<Row> combos = rows.select(attrs).distinct().collectAsList();
        List<Row> labelled = new ArrayList<>();
        for (Row r : combos) {
            Object[] v = new Object[attributes.size() + 1];
            for (int k = 0; k < attributes.size(); k++) {
                v[k] = r.isNullAt(k) ? null : r.getString(k);
            }
            v[attributes.size()] = Groups.label(attributes, a -> (String) v[attributes.indexOf(a)]);
            labelled.add(RowFactory.create(v));
        }
        StructType schema = new StructType();
        for (int k = 0; k < attributes.size(); k++) {
            schema = schema.add("_a" + k, DataTypes.StringType, true);
        }
        schema = schema.add("_group", DataTypes.StringType, false);
        Dataset<Row> labels = broadcast(spark.createDataFrame(labelled, schema));
        Column match = lit(true);
        for (int k = 0; k < attributes.size(); k++) {
            match = match.and(attrs[k].eqNullSafe(labels.col("_a" + k)));
        }
        Dataset<Row> grouped = rows.join(labels, match).drop(attributes.toArray(String[]::new));
        boolean raters = in.has("rater");
        List<Row> order = grouped.groupBy("_group").agg(min(InputTable.POSITION).as("first"), (raters
                        ? org.apache.spark.sql.functions.countDistinct(col("rater")) : org.apache.spark.sql.functions.count(lit(1))).as("size"))
                .orderBy("first").collectAsList();
        List<String> names = new ArrayList<>();
        double[] sizes = new double[order.size()];
        for (Row r : order) {
            sizes[names.size()] = r.getLong(2);
            names.add(r.getString(0));
        }
        int n = Math.toIntExact(index.count());
        List<List<int[]>> pairsOf = new ArrayList<>();
        List<List<double[]>> winsOf = new ArrayList<>();
        for (int g = 0; g < names.size(); g++) {
            pairsOf.add(new ArrayList<>());
            winsOf.add(new ArrayList<>());
        }
        Iterator<Row> it = pairCounts(grouped, index, in, col("_group")).orderBy("_group", "lo", "hi").toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            int g = names.indexOf(r.getString(0));
            pairsOf.get(g).add(new int[] {r.getInt(1), r.getInt(2)});
            winsOf.get(g).add(new double[] {r.getDouble(3), r.getDouble(4)});
        }
        List<PairCounts> counts = new ArrayList<>();
        for (int g = 0; g < names.size(); g++) {
            int m = pairsOf.get(g).size();
            int[] first = new int[m];
            int[] second = new int[m];
            double[] fw = new double[m];
            double[] sw = new double[m];
            for (int p = 0; p < m; p++) {
                first[p] = pairsOf.get(g).get(p)[0];
                second[p] = pairsOf.get(g).get(p)[1];
                fw[p] = winsOf.get(g).get(p)[0];
                sw[p] = winsOf.get(g).get(p)[1];
            }
            counts.add(new PairCounts(n, first, second, fw, sw));
        }
        return GroupAnalysis.fromPairCounts(names, counts, sizes, 0, (g, f) -> {
            if (!f.converged()) {
                unconverged.add(f.stoppedShort("the fit of group " + g));
            }
        });
    }

    /** What PairwiseReader refuses, checked in one pass. */
    private static List<InputTable.Rule> rules(InputTable in) {
        List<InputTable.Rule> r = new ArrayList<>();
        r.add(new InputTable.Rule(col("winner").isNull().or(col("winner").equalTo("")), "winner", "an item id"));
        r.add(new InputTable.Rule(col("loser").isNull().or(col("loser").equalTo("")), "loser", "an item id"));
        r.add(new InputTable.Rule(col("winner").equalTo(col("loser")), "loser", "an item other than the winner (an item cannot be compared with itself)"));
        if (in.has("weight")) {
            Column w = col("weight").try_cast(DataTypes.DoubleType);
            r.add(new InputTable.Rule(col("weight").notEqual("").and(w.isNull().or(w.leq(0)).or(w.isNaN())), "weight", "a positive number"));
        }
        if (in.has("tie")) {
            r.add(new InputTable.Rule(col("tie").isNotNull().and(org.apache.spark.sql.functions.not(lower(col("tie")).isin(TIE_WORDS).or(lower(col("tie")).isin(NO_TIE_WORDS)))),
                    "tie", "1/0, true/false or yes/no"));
        }
        return r;
    }

    private static final Object[] TIE_WORDS = {"1", "true", "yes", "y", "t"};
    private static final Object[] NO_TIE_WORDS = {"", "0", "false", "no", "n", "f"};

    /**
     * Numbers the items as PairwiseReader does (PairwiseReader.byNumber on the ids in order of first
     * appearance, a row's winner before its loser). Fills {@code items}; returns (id, index) for the join.
     */
    private static Dataset<Row> numberItems(SparkSession spark, Dataset<Row> rows, List<Object> items) {
        Column at = col(InputTable.POSITION).multiply(2);
        Dataset<Row> ends = rows.select(col("winner").as("id"), at.as("at"))
                .union(rows.select(col("loser").as("id"), at.plus(1).as("at")));
        List<String> names = ends.groupBy("id").agg(min("at").as("at")).collectAsList().stream()
                .sorted(Comparator.comparingLong((Row r) -> r.getLong(1))).map(r -> r.getString(0)).toList();
        int[] index = PairwiseReader.byNumber(names, items);
        List<Row> table = new ArrayList<>(names.size());
        for (int k = 0; k < names.size(); k++) {
            table.add(RowFactory.create(names.get(k), index[k]));
        }
        StructType schema = new StructType().add("id", DataTypes.StringType, false).add("index", DataTypes.IntegerType, false);
        return spark.createDataFrame(table, schema);
    }

    /** (lo, hi, firstWins, secondWins) per compared pair lo &lt; hi of item indices: PairCounts' sums, in Spark. */
    private static Dataset<Row> pairCounts(Dataset<Row> rows, Dataset<Row> index, InputTable in) {
        return pairCounts(rows, index, in, null);
    }

    /** The same per {@code key} (a group), which then comes first. */
    private static Dataset<Row> pairCounts(Dataset<Row> rows, Dataset<Row> index, InputTable in, Column key) {
        Column weight = in.has("weight") ? when(col("weight").equalTo("").or(col("weight").isNull()), lit(1.0))
                .otherwise(col("weight").try_cast(DataTypes.DoubleType)) : lit(1.0);
        Column tie = in.has("tie") ? lower(col("tie")).isin(TIE_WORDS) : lit(false);
        Dataset<Row> w = broadcast(index.withColumnRenamed("id", "wid").withColumnRenamed("index", "w"));
        Dataset<Row> l = broadcast(index.withColumnRenamed("id", "lid").withColumnRenamed("index", "l"));
        Column k = key == null ? lit(0).as("_key") : key.as("_key");
        Dataset<Row> indexed = rows.select(k, col("winner"), col("loser"), weight.as("weight"), tie.as("tie"))
                .join(w, col("winner").equalTo(col("wid"))).join(l, col("loser").equalTo(col("lid")))
                .select(col("_key"), col("w"), col("l"), col("weight"), col("tie"));
        Column lo = least(col("w"), col("l"));
        Column half = col("weight").divide(2);
        Dataset<Row> sums = indexed.select(col("_key"), lo.as("lo"), greatest(col("w"), col("l")).as("hi"),
                        when(col("tie"), half).when(col("w").equalTo(lo), col("weight")).otherwise(0.0).as("fw"),
                        when(col("tie"), half).when(col("w").equalTo(lo), 0.0).otherwise(col("weight")).as("sw"))
                .groupBy("_key", "lo", "hi").agg(sum("fw").as("fw"), sum("sw").as("sw"));
        return key == null ? sums.drop("_key") : sums.withColumnRenamed("_key", "_group");
    }

    /** The pair sums on the driver, in core's pair order (lo, then hi). */
    private static PairCounts collect(Dataset<Row> pairs, int items, long distinct) {
        return counts(pairs.orderBy("lo", "hi").toLocalIterator(), items, Math.toIntExact(distinct));
    }

    /** One partition's pairs as core's Choices, in a form Spark can spill to disk (Java-serialisable arrays). */
    private record Block(int items, int[] start, int[] members, double[] weight) implements java.io.Serializable {
        static Block of(Choices c) {
            return new Block(c.items(), c.start(), c.members(), c.weight());
        }

        Choices choices() {
            return new Choices(items, start, members, weight);
        }
    }

    /**
     * Each partition's pairs as core's Choices, kept for the iterations: in memory, or on local disk where
     * memory is short (read back each pass, rather than summed again from the input).
     */
    private static JavaRDD<Block> blocks(Dataset<Row> pairs, int items) {
        return pairs.javaRDD().mapPartitions((Iterator<Row> it) -> List.of(Block.of(Choices.of(counts(it, items, 1 << 16)))).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * Rows (lo, hi, firstWins, secondWins) read once into core's PairCounts: primitive arrays grown as needed
     * (from {@code capacity}), never a list of rows, so that a partition of tens of millions of pairs costs 24
     * bytes a pair while it is read.
     */
    private static PairCounts counts(Iterator<Row> rows, int items, int capacity) {
        int[] first = new int[capacity];
        int[] second = new int[capacity];
        double[] fw = new double[capacity];
        double[] sw = new double[capacity];
        int m = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            if (m == first.length) {
                int grown = Math.max(16, 2 * m);
                first = Arrays.copyOf(first, grown);
                second = Arrays.copyOf(second, grown);
                fw = Arrays.copyOf(fw, grown);
                sw = Arrays.copyOf(sw, grown);
            }
            first[m] = r.getInt(0);
            second[m] = r.getInt(1);
            fw[m] = r.getDouble(2);
            sw[m] = r.getDouble(3);
            m++;
        }
        return m == first.length ? new PairCounts(items, first, second, fw, sw)
                : new PairCounts(items, Arrays.copyOf(first, m), Arrays.copyOf(second, m), Arrays.copyOf(fw, m), Arrays.copyOf(sw, m));
    }

    /**
     * Core's MM over the partitions: each iteration broadcasts the strengths and sums every partition's
     * denominators (LuceModel.accumulateDenominators on each). Existence of the estimate needs a strongly
     * connected comparison graph; that every item won and lost at least once is checked here (the rest of
     * Hunter's condition would need the whole graph in one place), and a fit that does not converge says so.
     */
    private static Fit distributedFit(SparkSession spark, Dataset<Row> pairs, int n) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Block> blocks = blocks(pairs, n);
        try {
            double[] wins = blocks.treeAggregate(new double[n], (acc, b) -> add(acc, LuceModel.wins(b.choices())), PairwiseJob::add);
            pairs.unpersist(); // the blocks are made and kept: the iterations read them only
            double[] losses = blocks.treeAggregate(new double[n], (acc, b) -> add(acc, losses(b.choices())), PairwiseJob::add);
            for (int i = 0; i < n; i++) {
                if (!(wins[i] > 0) || !(losses[i] > 0)) {
                    throw new InvalidInputException(null, String.format(Locale.ROOT, "the maximum-likelihood strengths do not exist: item #%d in item order "
                            + "never %s (the comparison graph is not strongly connected; Hunter 2004, assumption 1)", i + 1, wins[i] > 0 ? "lost" : "won"));
                }
            }
            LuceModel.Options o = LuceModel.Options.defaults(LuceModel.Method.MM);
            return LuceModel.mm(n, wins, (gamma, denom) -> {
                Broadcast<double[]> g = jsc.broadcast(gamma);
                double[] d = blocks.treeAggregate(new double[n], (acc, b) -> {
                    LuceModel.accumulateDenominators(b.choices(), g.value(), acc);
                    return acc;
                }, PairwiseJob::add);
                g.destroy();
                System.arraycopy(d, 0, denom, 0, n);
            }, theta -> {
                Broadcast<double[]> t = jsc.broadcast(theta);
                double ll = blocks.map(b -> LuceModel.logLikelihood(b.choices(), t.value(), 0)).reduce(Double::sum);
                t.destroy();
                return ll;
            }, false, 0, o, null);
        } finally {
            blocks.unpersist();
        }
    }

    private static double[] losses(Choices b) {
        double[] l = new double[b.items()];
        for (int c = 0; c < b.size(); c++) {
            for (int k = b.start()[c] + 1; k < b.start()[c + 1]; k++) {
                l[b.members()[k]] += b.weight()[c];
            }
        }
        return l;
    }

    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }
}
