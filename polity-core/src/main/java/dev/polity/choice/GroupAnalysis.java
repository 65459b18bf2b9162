package dev.polity.choice;

import dev.polity.input.CsvTable;
import dev.polity.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.polity.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who wins and who loses: each group's utilities over the items, the collective order under every welfare
 * function, and for each group how far the collective order is from its own (Kendall tau-b; Kendall, 1945)
 * and its regret (the utility it loses because the collective winner is not its favourite).
 */
public record GroupAnalysis(List<Object> items, List<String> groups, double[][] utility, double[] sizes, double[] weights,
                            Welfare welfare, Map<Welfare, Collective> collectives, List<GroupReport> reports,
                            List<Integer> disagreement, double[] spread) {

    /** The collective order under one welfare function, and the Kendall tau of each group with it. */
    public record Collective(Welfare welfare, double[] scores, List<Integer> ranking, double[] tau, int sidesWith) {
    }

    /** One group's view of the collective result (under the chosen welfare function). */
    public record GroupReport(String group, double size, double weight, int favourite, int favouriteRank,
                              double regret, double tau, List<Integer> ownRanking) {
    }

    /** How group weights are set. */
    public enum Weights { EQUAL, PROPORTIONAL, GIVEN }

    public static double[] weights(Weights mode, List<String> groups, double[] sizes, Map<String, Double> given) {
        return weights(mode, groups, sizes, given, "--weights");
    }

    /** Normalised group weights (summing to 1); {@code option} names where given weights came from in an error. */
    public static double[] weights(Weights mode, List<String> groups, double[] sizes, Map<String, Double> given, String option) {
        double[] w = new double[groups.size()];
        for (int g = 0; g < w.length; g++) {
            w[g] = switch (mode) {
                case EQUAL -> 1;
                case PROPORTIONAL -> sizes[g];
                case GIVEN -> {
                    Double v = given.get(groups.get(g));
                    if (v == null) {
                        throw new InvalidInputException(null, option + ": no weight for group '" + groups.get(g) + "'; groups are " + groups);
                    }
                    yield v;
                }
            };
        }
        double t = Arrays.stream(w).sum();
        if (!(t > 0)) {
            throw new InvalidInputException(null, option + ": the group weights add up to " + t + "; expected a positive total");
        }
        for (int g = 0; g < w.length; g++) {
            w[g] /= t;
        }
        return w;
    }

    /**
     * Given group weights from a CSV file with the header {@code group,weight} (weights >= 0), in file order;
     * {@code option} names the command-line option in errors.
     */
    public static Map<String, Double> readWeights(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(null, option + ": expected a CSV file group,weight; no file '" + file + "'");
        }
        CsvTable table = CsvTable.read(file);
        int group = table.column("group", option);
        int weight = table.column("weight", option);
        Map<String, Double> m = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows()) {
            double v = row.number(weight);
            if (v < 0) {
                throw row.invalid(weight, "a weight >= 0");
            }
            m.put(row.text(group).strip(), v);
        }
        return m;
    }

    public static GroupAnalysis of(List<Object> items, List<String> groups, double[][] utility, double[] sizes,
                                   double[] weights, Welfare chosen) {
        return of(items, groups, utility, null, sizes, weights, chosen);
    }

    /**
     * {@code observed[g][x]} (null: all) marks the items a group actually judged; tau, favourite and regret
     * use only those, so that a group's imputed values cannot make it look closer to the collective.
     */
    public static GroupAnalysis of(List<Object> items, List<String> groups, double[][] utility, boolean[][] observed,
                                   double[] sizes, double[] weights, Welfare chosen) {
        Map<Welfare, Collective> collectives = new LinkedHashMap<>();
        for (Welfare w : Welfare.values()) {
            if (w == Welfare.NASH && !allPositive(utility)) {
                continue;
            }
            List<Integer> ranking = w.ranking(utility, weights);
            double[] scores = w.scores(utility, weights);
            double[] position = positionScores(ranking);
            double[] tau = new double[groups.size()];
            int best = 0;
            for (int g = 0; g < groups.size(); g++) {
                tau[g] = observed == null ? tau(utility[g], position)
                        : tau(select(utility[g], observed[g]), select(position, observed[g]));
                if (tau[g] > tau[best]) {
                    best = g;
                }
            }
            collectives.put(w, new Collective(w, scores, ranking, tau, best));
        }
        if (!collectives.containsKey(chosen)) {
            throw new InvalidInputException(null, "--welfare nash needs positive utilities for every group and item");
        }
        Collective c = collectives.get(chosen);
        int winner = c.ranking().get(0);
        int[] rankOf = new int[items.size()];
        for (int k = 0; k < c.ranking().size(); k++) {
            rankOf[c.ranking().get(k)] = k + 1;
        }
        List<GroupReport> reports = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            double[] seen = utility[g].clone();
            if (observed != null) {
                for (int x = 0; x < seen.length; x++) {
                    if (!observed[g][x]) {
                        seen[x] = Double.NEGATIVE_INFINITY;
                    }
                }
            }
            List<Integer> own = ScoringRules.rankByScore(seen);
            int fav = own.get(0);
            reports.add(new GroupReport(groups.get(g), sizes[g], weights[g], fav, rankOf[fav],
                    Math.max(0, utility[g][fav] - utility[g][winner]), c.tau()[g], own));
        }
        double[] spread = new double[items.size()];
        for (int x = 0; x < spread.length; x++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] u : utility) {
                lo = Math.min(lo, u[x]);
                hi = Math.max(hi, u[x]);
            }
            spread[x] = hi - lo;
        }
        List<Integer> disagreement = ScoringRules.rankByScore(spread);
        return new GroupAnalysis(items, groups, utility, sizes, weights, chosen, collectives, reports, disagreement, spread);
    }

    /** The group whose own order agrees least with the collective one (ties: larger regret). */
    public GroupReport worstOff() {
        GroupReport worst = reports.get(0);
        for (GroupReport r : reports) {
            if (r.tau() < worst.tau() - 1e-12 || (Math.abs(r.tau() - worst.tau()) <= 1e-12 && r.regret() > worst.regret())) {
                worst = r;
            }
        }
        return worst;
    }

    private static double[] select(double[] v, boolean[] keep) {
        int k = 0;
        for (boolean b : keep) {
            k += b ? 1 : 0;
        }
        double[] out = new double[k];
        k = 0;
        for (int i = 0; i < v.length; i++) {
            if (keep[i]) {
                out[k++] = v[i];
            }
        }
        return out;
    }

    private static boolean allPositive(double[][] u) {
        for (double[] row : u) {
            for (double v : row) {
                if (!(v > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[] positionScores(List<Integer> ranking) {
        double[] s = new double[ranking.size()];
        for (int k = 0; k < ranking.size(); k++) {
            s[ranking.get(k)] = ranking.size() - k;
        }
        return s;
    }

    /** Kendall's tau-b, 0 where it is undefined: a group that tells no two items apart neither agrees nor disagrees. */
    private static double tau(double[] x, double[] y) {
        double t = RankCorrelation.kendallTauB(x, y);
        return Double.isNaN(t) ? 0 : t;
    }

    /** Group utilities from ratings: group means shrunk to the item's overall mean by one pseudo-rating. */
    public static GroupInput fromRatings(Ratings r, List<String> attributes) {
        int n = r.items().size();
        double[] total = new double[n];
        double[] count = new double[n];
        for (int k = 0; k < r.size(); k++) {
            total[r.item()[k]] += r.value()[k];
            count[r.item()[k]]++;
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] groupOfRater = new int[r.raters().size()];
        for (int q = 0; q < groupOfRater.length; q++) {
            Map<String, String> a = r.raterAttributes().get(q);
            groupOfRater[q] = index.computeIfAbsent(Groups.label(attributes, a::get), k -> index.size());
        }
        int gs = index.size();
        double[][] sum = new double[gs][n];
        double[][] cnt = new double[gs][n];
        double[] sizes = new double[gs];
        for (int g : groupOfRater) {
            sizes[g]++;
        }
        for (int k = 0; k < r.size(); k++) {
            int g = groupOfRater[r.rater()[k]];
            sum[g][r.item()[k]] += r.value()[k];
            cnt[g][r.item()[k]]++;
        }
        double[][] u = new double[gs][n];
        boolean[][] observed = new boolean[gs][n];
        for (int g = 0; g < gs; g++) {
            for (int x = 0; x < n; x++) {
                observed[g][x] = cnt[g][x] > 0;
                double overall = count[x] == 0 ? 0 : total[x] / count[x];
                u[g][x] = (sum[g][x] + overall) / (cnt[g][x] + 1);
            }
        }
        return new GroupInput(new ArrayList<>(index.keySet()), u, observed, sizes);
    }

    /** Group utilities for ranked ballots: Laplace-smoothed Borda share (B + 1) / (V (n - 1) + 2), in (0, 1). */
    public static GroupInput fromProfile(Profile p, List<String> attributes) {
        Map<String, Profile> groups = p.groups(attributes);
        double[][] u = new double[groups.size()][];
        double[] sizes = new double[groups.size()];
        int g = 0;
        for (Profile q : groups.values()) {
            double v = q.voters();
            double[] borda = Rule.BORDA.apply(q).scores();
            u[g] = new double[borda.length];
            for (int x = 0; x < borda.length; x++) {
                u[g][x] = (borda[x] + 1) / (v * (p.size() - 1) + 2);
            }
            sizes[g++] = v;
        }
        return new GroupInput(new ArrayList<>(groups.keySet()), u, null, sizes);
    }

    /**
     * Group utilities from each group's pairwise counts (in the order given): a Bradley-Terry fit per group by
     * MM, always with a light prior of at least 0.01, since a group's comparisons rarely connect every item.
     * {@code afterEach} is told of every group's fit (progress, and a fit that did not converge). Used by
     * {@code aggregate --groups} and polity-spark.
     */
    public static GroupInput fromPairCounts(List<String> groups, List<PairCounts> counts, double[] sizes, double alpha,
                                            java.util.function.BiConsumer<String, Fit> afterEach) {
        double[][] u = new double[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            Fit f = LuceModel.fit(Choices.of(counts.get(g)), LuceModel.Method.MM, Math.max(alpha, 0.01));
            u[g] = utilityOf(f.theta());
            afterEach.accept(groups.get(g), f);
        }
        return new GroupInput(List.copyOf(groups), u, null, sizes.clone());
    }

    /** Group utilities from fitted strengths: the probability of beating an item of average strength. */
    public static double[] utilityOf(double[] theta) {
        double[] u = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            u[i] = 1 / (1 + Math.exp(-theta[i]));
        }
        return u;
    }

    /** Groups, their utility per item and their sizes (raters or voters), before weighting. */
    public record GroupInput(List<String> groups, double[][] utility, boolean[][] observed, double[] sizes) {
    }
}
