package dev.polity.spark;

import static org.apache.spark.sql.functions.col;

import dev.polity.deliberation.Bridging;
import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.DeliberationJson;
import dev.polity.deliberation.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple3;

/**
 * The bridging factorisation of {@code polity deliberate} on Spark: core's alternating least squares
 * (Bridging.fit) with its data as {@link Bridging.Data} over two partitionings of the ratings, by
 * participant and by statement, each partition one {@link Bridging.RatingRows} block. A sweep broadcasts
 * the statements' parameters and solves every participant's 2x2 ridge regression in the partitions by
 * participant, then the reverse; mu, the reparametrisation and the loss are core's, from sums over the
 * partitions. The parameters (four numbers a participant or statement) live on the driver; the ratings
 * never leave their partitions.
 */
final class BridgingJob {
    static final StructType SCHEMA = new StructType().add("statement", DataTypes.StringType).add("intercept", DataTypes.DoubleType)
            .add("factor", DataTypes.DoubleType).add("bridging", DataTypes.BooleanType).add("votes", DataTypes.IntegerType);

    record Result(SparkConversation conversation, Bridging bridging, int[] votesOf) {
        int bridgingCount() {
            int n = 0;
            for (int j : conversation.columns()) {
                n += bridging.isBridging(j) ? 1 : 0;
            }
            return n;
        }

        /** The bridging sections of 'polity deliberate --json', with the same keys. */
        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("conversation", conversation.name());
            List<Map<String, Object>> participants = new ArrayList<>();
            for (int i = 0; i < votesOf.length; i++) {
                if (votesOf[i] > 0) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("id", conversation.participants().get(i));
                    p.put("bridging_factor", DeliberationJson.num(bridging.participantFactor()[i]));
                    participants.add(p);
                }
            }
            out.put("participants", participants);
            List<Map<String, Object>> statements = new ArrayList<>();
            for (int j = 0; j < conversation.statements().size(); j++) {
                Statement s = conversation.statements().get(j);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("bridging_intercept", DeliberationJson.num(bridging.statementIntercept()[j]));
                m.put("bridging_factor", DeliberationJson.num(bridging.statementFactor()[j]));
                m.put("bridging", s.inAnalysis() && bridging.isBridging(j));
                statements.add(m);
            }
            out.put("statements", statements);
            out.put("bridging_model", DeliberationJson.bridgingModel(bridging));
            return out;
        }

        List<Row> statementRows() {
            List<Row> rows = new ArrayList<>();
            for (int j = 0; j < conversation.statements().size(); j++) {
                Statement s = conversation.statements().get(j);
                rows.add(RowFactory.create(s.id(), DeliberationJson.num(bridging.statementIntercept()[j]),
                        DeliberationJson.num(bridging.statementFactor()[j]), s.inAnalysis() && bridging.isBridging(j), bridging.statementVotes()[j]));
            }
            return rows;
        }
    }

    private BridgingJob() {
    }

    static Result run(SparkSession spark, SparkConversation c, long seed, Stages stages) {
        int n = c.participants().size();
        int s = c.statements().size();
        int[] votesOf = stages.time("count votes", () -> {
            int[] v = new int[n];
            c.votes().groupBy("p").count().collectAsList().forEach(r -> v[r.getInt(0)] = (int) r.getLong(1));
            return v;
        });
        // a pass is no rating, and only analysed statements are rated (as in core's fit)
        List<Integer> analysed = Arrays.stream(c.columns()).boxed().toList();
        Dataset<Row> ratings = c.votes().where(col("v").notEqual(0).and(col("s").isin(analysed.toArray())))
                .select(col("p"), col("s"), col("v").gt(0).cast(DataTypes.ByteType).as("y"));
        Partitioned data = stages.time("partition ratings", () -> {
            JavaRDD<Bridging.RatingRows> rows = blocks(ratings, "p", "s");
            return new Partitioned(JavaSparkContext.fromSparkContext(spark.sparkContext()), rows, blocks(ratings, "s", "p"), n, s,
                    rows.map(b -> (long) b.size()).reduce(Long::sum));
        });
        try {
            Bridging b = stages.time("ALS sweeps", () -> Bridging.fit(data, c.inColumns(), seed, Deliberation.BRIDGING_TOLERANCE,
                    Deliberation.BRIDGING_MAX_SWEEPS, sweep -> { }));
            return new Result(c, b, votesOf);
        } finally {
            data.rows.unpersist();
            data.cols.unpersist();
        }
    }

    /** The ratings partitioned by {@code row}, one RatingRows block a partition, with {@code other} as the other side. */
    private static JavaRDD<Bridging.RatingRows> blocks(Dataset<Row> ratings, String row, String other) {
        JavaRDD<Bridging.RatingRows> rdd = ratings.select(col(row), col(other), col("y"))
                .repartition(ratings.sparkSession().sparkContext().defaultParallelism(), col(row))
                .javaRDD().mapPartitions((Iterator<Row> it) -> {
                    List<int[]> rs = new ArrayList<>();
                    it.forEachRemaining(r -> rs.add(new int[] {r.getInt(0), r.getInt(1), r.getByte(2)}));
                    rs.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
                    List<Integer> ids = new ArrayList<>();
                    List<Integer> starts = new ArrayList<>();
                    int[] others = new int[rs.size()];
                    byte[] ys = new byte[rs.size()];
                    for (int k = 0; k < rs.size(); k++) {
                        int[] r = rs.get(k);
                        if (ids.isEmpty() || ids.get(ids.size() - 1) != r[0]) {
                            ids.add(r[0]);
                            starts.add(k);
                        }
                        others[k] = r[1];
                        ys[k] = (byte) r[2];
                    }
                    starts.add(rs.size());
                    return List.of(new Bridging.RatingRows(ids.stream().mapToInt(Integer::intValue).toArray(),
                            starts.stream().mapToInt(Integer::intValue).toArray(), others, ys)).iterator();
                });
        rdd.persist(StorageLevel.MEMORY_AND_DISK());
        rdd.count();
        return rdd;
    }

    /** Core's fit data over the two partitionings; the vectors travel by broadcast, the ratings stay. */
    private record Partitioned(JavaSparkContext jsc, JavaRDD<Bridging.RatingRows> rows, JavaRDD<Bridging.RatingRows> cols, int participants,
                               int statements, long count) implements Bridging.Data {

        @Override
        public int[] participantVotes() {
            return counts(rows, participants);
        }

        @Override
        public int[] statementVotes() {
            return counts(cols, statements);
        }

        private static int[] counts(JavaRDD<Bridging.RatingRows> blocks, int total) {
            return blocks.treeAggregate(new int[total], (acc, b) -> {
                int[] c = b.counts(total);
                for (int x = 0; x < total; x++) {
                    acc[x] += c[x];
                }
                return acc;
            }, (a, b) -> {
                for (int x = 0; x < total; x++) {
                    a[x] += b[x];
                }
                return a;
            });
        }

        @Override
        public void solveParticipants(double mu, double[] c, double[] g, double[] b, double[] f) {
            solve(rows, mu, c, g, b, f);
        }

        @Override
        public void solveStatements(double mu, double[] b, double[] f, double[] c, double[] g) {
            solve(cols, mu, b, f, c, g);
        }

        /**
         * Every block solves its rows with core's ridge regression against the broadcast other side; the
         * driver puts the results in place. Rows without ratings solve to (0, 0), as in core.
         */
        private void solve(JavaRDD<Bridging.RatingRows> blocks, double mu, double[] otherIntercept, double[] otherFactor,
                           double[] intercept, double[] factor) {
            Broadcast<double[][]> other = jsc.broadcast(new double[][] {otherIntercept, otherFactor});
            List<Tuple3<int[], double[], double[]>> solved = blocks.map(block -> {
                Bridging.RatingRows local = new Bridging.RatingRows(null, block.start(), block.other(), block.rating());
                double[] a = new double[local.rows()];
                double[] z = new double[local.rows()];
                local.solve(mu, other.value()[0], other.value()[1], a, z);
                return new Tuple3<>(block.id(), a, z);
            }).collect();
            other.destroy();
            Arrays.fill(intercept, 0);
            Arrays.fill(factor, 0);
            for (Tuple3<int[], double[], double[]> t : solved) {
                for (int x = 0; x < t._1().length; x++) {
                    intercept[t._1()[x]] = t._2()[x];
                    factor[t._1()[x]] = t._3()[x];
                }
            }
        }

        @Override
        public double residualSum(double[] b, double[] f, double[] c, double[] g) {
            Broadcast<double[][]> v = jsc.broadcast(new double[][] {b, f, c, g});
            double sum = rows.map(block -> block.residualSum(v.value()[0], v.value()[1], v.value()[2], v.value()[3])).reduce(Double::sum);
            v.destroy();
            return sum;
        }

        @Override
        public double rowLoss(double mu, double[] b, double[] f, double[] c, double[] g) {
            Broadcast<double[][]> v = jsc.broadcast(new double[][] {b, f, c, g});
            double sum = rows.map(block -> block.rowLoss(mu, v.value()[0], v.value()[1], v.value()[2], v.value()[3])).reduce(Double::sum);
            v.destroy();
            // rows are only the rated participants; the others' penalty is on their parameters, which are zero
            return sum;
        }
    }
}
