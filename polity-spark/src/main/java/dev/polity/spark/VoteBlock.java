package dev.polity.spark;

import dev.polity.deliberation.VoteMatrix;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * One partition's participants and their votes as core's VoteMatrix: rows are the partition's participants
 * (row x is participant {@code ids[x]}), columns all statements. Core's per-row formulas (the PCA's product
 * and projection, who is clustered, votes per group) run on it as they run on the whole matrix.
 */
record VoteBlock(int[] ids, VoteMatrix matrix) {

    /** The votes {@code (p, s, v)} partitioned by participant, one block per partition, kept in memory. */
    static JavaRDD<VoteBlock> of(Dataset<Row> votes, int statements) {
        return votes.repartition(votes.sparkSession().sparkContext().defaultParallelism(), votes.col("p"))
                .javaRDD().mapPartitions((Iterator<Row> it) -> {
                    List<int[]> rows = new ArrayList<>();
                    it.forEachRemaining(r -> rows.add(new int[] {r.getInt(0), r.getInt(1), r.getInt(2)}));
                    rows.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
                    int n = rows.size();
                    int[] local = new int[n];
                    int[] s = new int[n];
                    byte[] v = new byte[n];
                    List<Integer> ids = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        int[] r = rows.get(k);
                        if (ids.isEmpty() || ids.get(ids.size() - 1) != r[0]) {
                            ids.add(r[0]);
                        }
                        local[k] = ids.size() - 1;
                        s[k] = r[1];
                        v[k] = (byte) r[2];
                    }
                    VoteMatrix m = VoteMatrix.of(ids.size(), statements, local, s, v, new long[n]);
                    return List.of(new VoteBlock(ids.stream().mapToInt(Integer::intValue).toArray(), m)).iterator();
                }).persist(StorageLevel.MEMORY_ONLY());
    }
}
