package dev.polity.deliberation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opinion groups as Polis forms them (Polis math, conversation.clj and clusters.clj, compdemocracy/polis;
 * Small et al. 2021, "Polis: Scaling deliberation by mapping high dimensional opinion spaces", sec. 3):
 * participants with enough votes are summarised by up to 100 base clusters, k runs from 2 to
 * min(5, 2 + base clusters / 12) and the k with the best silhouette wins. Unlike Polis, whose k-means
 * continues from its previous update, every k is fitted afresh with k-means++ restarts on the
 * participants themselves, and of the distinct optima they reach the one with the best silhouette is
 * kept, so the result does not depend on history.
 *
 * @param group            group per participant (0..k-1), -1 for those not clustered
 * @param k                number of groups
 * @param silhouetteByK    the selection silhouette of each k tried
 * @param exactSilhouette  whether selection used the exact participant silhouette (else base-cluster weighted)
 * @param baseClusters     number of base clusters
 */
public record OpinionGroups(int[] group, int k, Map<Integer, Double> silhouetteByK, boolean exactSilhouette, int baseClusters,
                            double[][] centres) {

    /** Above this many clustered participants the silhouette is computed on base clusters (O(n^2) otherwise). */
    public static final int EXACT_SILHOUETTE_LIMIT = 3000;
    /** Smallest opinion group: this many participants and this share of those clustered. */
    public static final int MIN_GROUP = 3;
    /** Restarts per k above the exact-silhouette limit, where each costs a pass over all participants. */
    public static final int LARGE_RESTARTS = 10;
    /** Lloyd iterations for the base clusters: they only summarise the map for the silhouette and max k. */
    public static final int BASE_ITERATIONS = 20;
    public static final double MIN_GROUP_SHARE = 0.05;

    private static int smallestGroup(int[] labels, int k) {
        int[] size = new int[k];
        for (int l : labels) {
            size[l]++;
        }
        return Arrays.stream(size).min().orElse(0);
    }

    public static OpinionGroups find(double[][] xy, boolean[] eligible, int baseK, int maxGroups, int restarts, long seed) {
        int[] idx = java.util.stream.IntStream.range(0, xy.length).filter(i -> eligible[i]).toArray();
        int n = idx.length;
        int[] group = new int[xy.length];
        Arrays.fill(group, -1);
        if (n < 2) {
            return new OpinionGroups(group, 0, Map.of(), true, 0, new double[0][]);
        }
        double[][] points = new double[n][];
        for (int t = 0; t < n; t++) {
            points[t] = xy[idx[t]];
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        KMeans.Result base = KMeans.fit(points, ones, Math.min(baseK, n), 1, seed, BASE_ITERATIONS);
        int maxK = Math.min(maxGroups, 2 + base.k() / 12);
        boolean exact = n <= EXACT_SILHOUETTE_LIMIT;
        // The silhouette rewards splitting off a lone outlier; a group must hold a few people to count as an
        // opinion group at all.
        int minSize = Math.max(MIN_GROUP, (int) Math.ceil(MIN_GROUP_SHARE * n));
        Map<Integer, Double> silhouettes = new LinkedHashMap<>();
        KMeans.Result best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 2; k <= maxK; k++) {
            // Every distinct optimum the restarts reach competes on silhouette, the criterion that also picks k:
            // the lowest-inertia partition is not always the best separated one.
            double bestOfK = Double.NEGATIVE_INFINITY;
            int kk = k;
            java.util.List<KMeans.Result> candidates = KMeans.fitAll(points, ones, k, exact ? restarts : Math.min(restarts, LARGE_RESTARTS),
                    seed * 31 + k, exact ? 300 : BASE_ITERATIONS * 3).stream().filter(r -> r.k() >= kk && smallestGroup(r.labels(), kk) >= minSize).toList();
            // scored in parallel, compared in order: the same choice as one after the other
            double[] scores = candidates.parallelStream().mapToDouble(r -> exact ? Partitions.silhouette(points, r.labels())
                    : baseSilhouette(base, r.labels())).toArray();
            for (int c = 0; c < candidates.size(); c++) {
                KMeans.Result r = candidates.get(c);
                double score = scores[c];
                bestOfK = Math.max(bestOfK, score);
                if (score > bestScore + 1e-12) {
                    bestScore = score;
                    best = r;
                }
            }
            if (bestOfK > Double.NEGATIVE_INFINITY) {
                silhouettes.put(k, bestOfK);
            }
        }
        if (best == null) {
            return new OpinionGroups(group, 0, silhouettes, exact, base.k(), new double[0][]);
        }
        for (int t = 0; t < n; t++) {
            group[idx[t]] = best.labels()[t];
        }
        return new OpinionGroups(group, best.k(), silhouettes, exact, base.k(), best.centres());
    }

    /** Each base cluster, weighted by its members, takes the group most of its members are in. */
    private static double baseSilhouette(KMeans.Result base, int[] labels) {
        int b = base.k();
        int k = Arrays.stream(labels).max().orElse(0) + 1;
        int[][] votes = new int[b][k];
        for (int t = 0; t < labels.length; t++) {
            votes[base.labels()[t]][labels[t]]++;
        }
        double[] w = new double[b];
        int[] baseLabel = new int[b];
        for (int c = 0; c < b; c++) {
            int arg = 0;
            for (int g = 0; g < k; g++) {
                w[c] += votes[c][g];
                if (votes[c][g] > votes[c][arg]) {
                    arg = g;
                }
            }
            baseLabel[c] = arg;
        }
        return Partitions.weightedSilhouette(base.centres(), w, baseLabel);
    }
}
