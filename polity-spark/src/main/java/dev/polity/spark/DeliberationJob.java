package dev.polity.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.DeliberationJson;
import dev.polity.deliberation.GroupVotes;
import dev.polity.deliberation.Ids;
import dev.polity.deliberation.OpinionGroups;
import dev.polity.deliberation.Pca;
import dev.polity.deliberation.Repness;
import dev.polity.deliberation.Statement;
import dev.polity.input.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The deliberation statistics of {@code polity deliberate}, on Spark: the votes are partitioned by
 * participant ({@link VoteBlock}); the PCA's subspace iteration (Pca.of) sums core's X'X product over the
 * partitions each step (distributed power iteration), the projection and who is clustered are core's per
 * participant, k-means (OpinionGroups.find) runs on the driver over the projected points (two numbers a
 * participant), and the votes per statement and group are counted per partition and added (GroupVotes),
 * from which core computes repness and group-informed consensus. Groups may instead be given.
 */
final class DeliberationJob {
    static final StructType STATEMENT_SCHEMA = new StructType().add("statement", DataTypes.StringType).add("consensus", DataTypes.DoubleType)
            .add("agree", DataTypes.IntegerType).add("disagree", DataTypes.IntegerType).add("pass", DataTypes.IntegerType);
    static final StructType PARTICIPANT_SCHEMA = new StructType().add("participant", DataTypes.StringType).add("group", DataTypes.IntegerType)
            .add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType).add("votes", DataTypes.IntegerType);

    /** What the job found, in core's types. */
    record Result(SparkConversation conversation, int[] columns, double[][] xy, int[] votesOf, OpinionGroups groups, GroupVotes groupVotes,
                  GroupVotes everyone, double[] consensus, Repness[][] repness, boolean computedGroups) {
        int k() {
            return groups.k();
        }

        /** The sections of 'polity deliberate --json' this job computes, with the same keys. */
        Map<String, Object> json() {
            List<Statement> st = conversation.statements();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("conversation", conversation.name());
            out.put("groups", groups.k());
            List<Map<String, Object>> participants = new ArrayList<>();
            for (int i = 0; i < conversation.participants().size(); i++) {
                if (votesOf[i] > 0) {
                    participants.add(DeliberationJson.participant(conversation.participants().get(i), groups.group()[i], xy[i], votesOf[i]));
                }
            }
            out.put("participants", participants);
            List<Map<String, Object>> statements = new ArrayList<>();
            for (int j = 0; j < st.size(); j++) {
                Statement s = st.get(j);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id());
                m.put("in_analysis", s.inAnalysis());
                m.put("meta", s.meta());
                m.put("moderated", s.moderated());
                m.put("consensus", DeliberationJson.num(consensus[j]));
                int[] all = DeliberationJson.totals(everyone, j);
                m.put("agree", all[0]);
                m.put("disagree", all[1]);
                m.put("pass", all[2]);
                m.put("votes_by_group", DeliberationJson.votesByGroup(groupVotes, repness[j], j));
                statements.add(m);
            }
            out.put("statements", statements);
            out.put("representative", DeliberationJson.representative(st, repness, columns, groups.k()));
            if (computedGroups) {
                out.put("silhouette_by_k", DeliberationJson.silhouettes(groups));
                out.put("base_clusters", groups.baseClusters());
            }
            return out;
        }

        List<Row> statementRows() {
            List<Row> rows = new ArrayList<>();
            for (int j = 0; j < conversation.statements().size(); j++) {
                int[] all = DeliberationJson.totals(everyone, j);
                rows.add(RowFactory.create(conversation.statements().get(j).id(), DeliberationJson.num(consensus[j]), all[0], all[1], all[2]));
            }
            return rows;
        }

        List<Row> participantRows() {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < conversation.participants().size(); i++) {
                if (votesOf[i] > 0) {
                    int g = groups.group()[i];
                    rows.add(RowFactory.create(conversation.participants().get(i), g < 0 ? null : g, xy[i][0], xy[i][1], votesOf[i]));
                }
            }
            return rows;
        }
    }

    private DeliberationJob() {
    }

    static Result run(SparkSession spark, SparkConversation c, Deliberation.Options o, String givenGroups, Stages stages) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int statements = c.statements().size();
        int participants = c.participants().size();
        int[] columns = c.columns();
        boolean[] in = c.inColumns();
        JavaRDD<VoteBlock> blocks = stages.time("partition votes", () -> {
            JavaRDD<VoteBlock> b = VoteBlock.of(c.votes(), statements);
            b.count();
            return b;
        });
        try {
            Pca pca = stages.time("PCA (distributed subspace iteration)", () -> pca(spark, jsc, c, blocks));
            int need = Math.min(o.minVotes(), columns.length);
            double[][] xy = new double[participants][2];
            boolean[] clustered = new boolean[participants];
            int[] votesOf = new int[participants];
            stages.run("projection", () -> {
                int[] pcColumns = pca.columns();
                double[] center = pca.center();
                double[] pc1 = pca.pc1();
                double[] pc2 = pca.pc2();
                int zero = pca.zeroColumns();
                int[] iterations = pca.iterations();
                for (Tuple2<int[], double[][]> t : blocks.map(b -> {
                    double[][] p = new Pca(pcColumns, center, pc1, pc2, iterations, zero).project(b.matrix());
                    boolean[] cl = Deliberation.clustered(b.matrix(), in, need);
                    double[][] packed = new double[b.ids().length][];
                    for (int x = 0; x < packed.length; x++) {
                        packed[x] = new double[] {p[x][0], p[x][1], cl[x] ? 1 : 0, b.matrix().votesOf(x)};
                    }
                    return new Tuple2<>(b.ids(), packed);
                }).collect()) {
                    for (int x = 0; x < t._1().length; x++) {
                        int i = t._1()[x];
                        xy[i][0] = t._2()[x][0];
                        xy[i][1] = t._2()[x][1];
                        clustered[i] = t._2()[x][2] > 0;
                        votesOf[i] = (int) t._2()[x][3];
                    }
                }
            });
            OpinionGroups groups = givenGroups != null
                    ? stages.time("read groups", () -> given(spark, givenGroups, c))
                    : stages.time("opinion groups (k-means on the driver)", () -> OpinionGroups.find(xy, clustered, o.baseK(), o.maxGroups(), o.restarts(), o.seed()));
            int k = groups.k();
            Broadcast<int[]> groupOf = jsc.broadcast(groups.group());
            GroupVotes[] counted = stages.time("votes per group", () -> {
                GroupVotes[] sums = {GroupVotes.none(statements, k), GroupVotes.none(statements, 1)};
                // counted per partition by core, added on the driver (a partition's counts are statements x groups)
                for (int[][][] t : blocks.map(b -> {
                    int[] g = new int[b.ids().length];
                    for (int x = 0; x < g.length; x++) {
                        g[x] = groupOf.value()[b.ids()[x]];
                    }
                    GroupVotes byGroup = GroupVotes.of(b.matrix(), g, k);
                    GroupVotes all = GroupVotes.of(b.matrix(), new int[g.length], 1);
                    return new int[][][] {byGroup.agree(), byGroup.disagree(), byGroup.seen(), all.agree(), all.disagree(), all.seen()};
                }).collect()) {
                    sums[0] = sums[0].plus(new GroupVotes(t[0], t[1], t[2]));
                    sums[1] = sums[1].plus(new GroupVotes(t[3], t[4], t[5]));
                }
                return sums;
            });
            groupOf.destroy();
            double[] consensus = Deliberation.consensus(counted[0], in);
            Repness[][] repness = Deliberation.repness(counted[0], in);
            return new Result(c, columns, xy, votesOf, groups, counted[0], counted[1], consensus, repness, givenGroups == null);
        } finally {
            blocks.unpersist();
        }
    }

    /** Core's PCA with X'X v summed over the partitions at every step; the column means come from one aggregation. */
    private static Pca pca(SparkSession spark, JavaSparkContext jsc, SparkConversation c, JavaRDD<VoteBlock> blocks) {
        int[] columns = c.columns();
        int d = columns.length;
        double[] sum = new double[d];
        long[] n = new long[d];
        int[] position = new int[c.statements().size()];
        java.util.Arrays.fill(position, -1);
        for (int x = 0; x < d; x++) {
            position[columns[x]] = x;
        }
        for (Row r : c.votes().groupBy("s").agg(sum(col("v")).cast(DataTypes.DoubleType), count(col("v"))).collectAsList()) {
            int x = position[r.getInt(0)];
            if (x >= 0) {
                sum[x] = r.getDouble(1);
                n[x] = r.getLong(2);
            }
        }
        double[] center = Pca.center(sum, n);
        int[] local = position;
        return Pca.of(columns, center, Deliberation.rejected(c.statements()), (v1, v2, w1, w2) -> {
            Broadcast<double[][]> v = jsc.broadcast(new double[][] {v1, v2});
            double[][] w = blocks.treeAggregate(new double[][] {new double[d], new double[d]}, (acc, b) -> {
                Pca.addGram(b.matrix(), local, center, v.value()[0], v.value()[1], acc[0], acc[1]);
                return acc;
            }, (a, b) -> {
                for (int x = 0; x < d; x++) {
                    a[0][x] += b[0][x];
                    a[1][x] += b[1][x];
                }
                return a;
            });
            v.destroy();
            System.arraycopy(w[0], 0, w1, 0, d);
            System.arraycopy(w[1], 0, w2, 0, d);
        });
    }

    /** Groups given as participant,group: the labels, in id order, become groups 0..k-1; others are not grouped. */
    private static OpinionGroups given(SparkSession spark, String file, SparkConversation c) {
        InputTable t = InputTable.read(spark, file, false, false);
        t.require("a header with 'participant' and 'group'", "participant", "group");
        t.check(List.of(new InputTable.Rule(t.rows().col("participant").isNull(), "participant", "a participant id"),
                new InputTable.Rule(t.rows().col("group").isNull(), "group", "a group label")));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < c.participants().size(); i++) {
            index.put(c.participants().get(i), i);
        }
        List<Row> rows = t.rows().select("participant", "group").collectAsList();
        TreeSet<String> labels = new TreeSet<>(Ids.ORDER);
        rows.forEach(r -> labels.add(r.getString(1)));
        List<String> order = List.copyOf(labels);
        int[] group = new int[c.participants().size()];
        java.util.Arrays.fill(group, -1);
        for (Row r : rows) {
            Integer i = index.get(r.getString(0));
            if (i == null) {
                throw new InvalidInputException(t.file(), 0, "unknown participant '" + r.getString(0) + "' (no votes of theirs)");
            }
            group[i] = order.indexOf(r.getString(1));
        }
        return new OpinionGroups(group, order.size(), Map.of(), true, 0, new double[0][]);
    }
}
