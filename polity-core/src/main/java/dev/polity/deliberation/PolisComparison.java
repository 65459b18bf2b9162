package dev.polity.deliberation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How our groups relate to the ones Polis exported ({@code group-id}).
 *
 * @param participants        participants both we and Polis clustered (ARI, silhouettes, confusion)
 * @param ari                 adjusted Rand index of our groups against Polis's
 * @param projectionFidelity  over every participant Polis grouped: ARI against Polis's groups of "nearest
 *                            centre of Polis's groups in our projection"; near 1 when our projection
 *                            reproduces the map Polis clustered in
 * @param silhouette          silhouette of our groups (shared participants, our projection)
 * @param polisSilhouette     silhouette of Polis's groups (same participants, same projection)
 * @param confusion           Polis group -> counts in each of our groups
 */
public record PolisComparison(int participants, double ari, double projectionFidelity, double silhouette, double polisSilhouette,
                              Map<Integer, int[]> confusion) {

    /** Null when the export has no Polis groups. */
    public static PolisComparison of(Deliberation d) {
        Conversation c = d.conversation();
        if (c.polisGroups().isEmpty()) {
            return null;
        }
        List<Integer> both = new ArrayList<>();
        List<Integer> grouped = new ArrayList<>();
        int polisK = 0;
        for (int i = 0; i < c.participants().size(); i++) {
            Integer g = c.polisGroups().get(c.participants().get(i));
            if (g != null && d.voted(i)) {
                grouped.add(i);
                polisK = Math.max(polisK, g + 1);
                if (d.groups().group()[i] >= 0) {
                    both.add(i);
                }
            }
        }
        int n = both.size();
        int[] ours = new int[n];
        int[] theirs = new int[n];
        double[][] p = new double[n][];
        for (int t = 0; t < n; t++) {
            int i = both.get(t);
            ours[t] = d.groups().group()[i];
            theirs[t] = c.polisGroups().get(c.participants().get(i));
            p[t] = d.projection()[i];
        }
        int gn = grouped.size();
        int[] polisOf = new int[gn];
        double[][] gp = new double[gn][];
        double[][] centre = new double[polisK][2];
        int[] size = new int[polisK];
        for (int t = 0; t < gn; t++) {
            polisOf[t] = c.polisGroups().get(c.participants().get(grouped.get(t)));
            gp[t] = d.projection()[grouped.get(t)];
            centre[polisOf[t]][0] += gp[t][0];
            centre[polisOf[t]][1] += gp[t][1];
            size[polisOf[t]]++;
        }
        for (int g = 0; g < polisK; g++) {
            double s = size[g] > 0 ? size[g] : Double.NaN;
            centre[g][0] = size[g] > 0 ? centre[g][0] / s : Double.POSITIVE_INFINITY;
            centre[g][1] = size[g] > 0 ? centre[g][1] / s : Double.POSITIVE_INFINITY;
        }
        int[] nearest = new int[gn];
        for (int t = 0; t < gn; t++) {
            nearest[t] = KMeans.nearest(gp[t], centre);
        }
        Map<Integer, int[]> confusion = new TreeMap<>();
        for (int t = 0; t < n; t++) {
            confusion.computeIfAbsent(theirs[t], g -> new int[d.groups().k()])[ours[t]]++;
        }
        return new PolisComparison(n, Partitions.adjustedRand(ours, theirs), Partitions.adjustedRand(nearest, polisOf),
                Partitions.silhouette(p, ours), Partitions.silhouette(p, compact(theirs)), confusion);
    }

    private static int[] compact(int[] labels) {
        Map<Integer, Integer> rename = new TreeMap<>();
        for (int l : labels) {
            rename.putIfAbsent(l, rename.size());
        }
        int[] out = new int[labels.length];
        for (int t = 0; t < labels.length; t++) {
            out[t] = rename.get(labels[t]);
        }
        return out;
    }
}
