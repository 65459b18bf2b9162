package dev.polity.deliberation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Weighted k-means in the plane: k-means++ seeding (Arthur & Vassilvitskii 2007) and Lloyd iterations
 * (Lloyd 1982), restarted from several seeds keeping the lowest inertia, so the answer is a good optimum
 * rather than whichever one a single run falls into. Labels are canonical: groups ordered by total weight
 * (largest first), then by their first member.
 */
final class KMeans {
    private KMeans() {
    }

    /** A partition: a label per point, the centres, and the weighted sum of squared distances. */
    public record Result(int[] labels, double[][] centres, double inertia) {
        public int k() {
            return centres.length;
        }
    }

    public static Result fit(double[][] points, double[] weights, int k, int restarts, long seed) {
        return fit(points, weights, k, restarts, seed, 300);
    }

    public static Result fit(double[][] points, double[] weights, int k, int restarts, long seed, int maxIterations) {
        List<Result> all = fitAll(points, weights, k, restarts, seed, maxIterations);
        return all.isEmpty() ? new Result(new int[0], new double[0][2], 0) : all.get(0);
    }

    /**
     * The distinct local optima that {@code restarts} seeded runs reach, lowest inertia first, each with
     * canonical labels.
     */
    public static List<Result> fitAll(double[][] points, double[] weights, int k, int restarts, long seed, int maxIterations) {
        int n = points.length;
        List<Result> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        k = Math.min(k, distinctPoints(points));
        SplittableRandom random = new SplittableRandom(seed);
        // each restart's stream is split off in restart order, so running them in parallel changes nothing
        SplittableRandom[] streams = new SplittableRandom[Math.max(1, restarts)];
        for (int r = 0; r < streams.length; r++) {
            streams[r] = random.split();
        }
        int kk = k;
        Result[] fitted = new Result[streams.length];
        java.util.stream.IntStream.range(0, streams.length).parallel().forEach(r ->
                fitted[r] = canonical(points, weights, lloyd(points, weights, seedCentres(points, weights, kk, streams[r]), maxIterations)));
        for (Result candidate : fitted) {
            if (out.stream().noneMatch(o -> Arrays.equals(o.labels(), candidate.labels()))) {
                out.add(candidate);
            }
        }
        out.sort(Comparator.comparingDouble(Result::inertia));
        return out;
    }

    private static int distinctPoints(double[][] points) {
        double[][] sorted = points.clone();
        Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int count = sorted.length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i][0] != sorted[i - 1][0] || sorted[i][1] != sorted[i - 1][1]) {
                count++;
            }
        }
        return count;
    }

    private static double[][] seedCentres(double[][] p, double[] w, int k, SplittableRandom random) {
        int n = p.length;
        double[][] centres = new double[k][];
        double[] d2 = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += w[i];
        }
        centres[0] = p[pick(w, total, random)].clone();
        for (int c = 1; c < k; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double d = dist2(p[i], centres[c - 1]);
                d2[i] = c == 1 ? d : Math.min(d2[i], d);
                sum += w[i] * d2[i];
            }
            if (sum <= 0) {
                centres[c] = p[pick(w, total, random)].clone();
                continue;
            }
            double target = random.nextDouble() * sum;
            int chosen = n - 1;
            double acc = 0;
            for (int i = 0; i < n; i++) {
                acc += w[i] * d2[i];
                if (acc >= target && w[i] * d2[i] > 0) {
                    chosen = i;
                    break;
                }
            }
            centres[c] = p[chosen].clone();
        }
        return centres;
    }

    private static int pick(double[] w, double total, SplittableRandom random) {
        double target = random.nextDouble() * total;
        double acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i];
            if (acc >= target) {
                return i;
            }
        }
        return w.length - 1;
    }

    static Result lloyd(double[][] p, double[] w, double[][] centres, int maxIterations) {
        int n = p.length;
        int k = centres.length;
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        for (int it = 0; it < maxIterations; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = nearest(p[i], centres);
                if (best != labels[i]) {
                    labels[i] = best;
                    changed = true;
                }
            }
            double[][] sum = new double[k][2];
            double[] mass = new double[k];
            for (int i = 0; i < n; i++) {
                sum[labels[i]][0] += w[i] * p[i][0];
                sum[labels[i]][1] += w[i] * p[i][1];
                mass[labels[i]] += w[i];
            }
            for (int c = 0; c < k; c++) {
                if (mass[c] > 0) {
                    centres[c] = new double[] {sum[c][0] / mass[c], sum[c][1] / mass[c]};
                } else {
                    // An empty cluster takes the point farthest from its centre, so k groups stay k.
                    int far = 0;
                    double farD = -1;
                    for (int i = 0; i < n; i++) {
                        double d = dist2(p[i], centres[labels[i]]);
                        if (d > farD) {
                            farD = d;
                            far = i;
                        }
                    }
                    centres[c] = p[far].clone();
                    labels[far] = c;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            inertia += w[i] * dist2(p[i], centres[labels[i]]);
        }
        return new Result(labels, centres, inertia);
    }

    static int nearest(double[] x, double[][] centres) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double d = dist2(x, centres[c]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    static double dist2(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        return dx * dx + dy * dy;
    }

    private static Result canonical(double[][] p, double[] w, Result r) {
        int k = r.k();
        double[] mass = new double[k];
        int[] first = new int[k];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < p.length; i++) {
            mass[r.labels()[i]] += w[i];
            first[r.labels()[i]] = Math.min(first[r.labels()[i]], i);
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Math.abs(mass[a] - mass[b]) > 1e-9 ? Double.compare(mass[b], mass[a]) : Integer.compare(first[a], first[b]));
        int[] rename = new int[k];
        double[][] centres = new double[k][];
        for (int c = 0; c < k; c++) {
            rename[order[c]] = c;
            centres[c] = r.centres()[order[c]];
        }
        int[] labels = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            labels[i] = rename[r.labels()[i]];
        }
        return new Result(labels, centres, r.inertia());
    }
}
