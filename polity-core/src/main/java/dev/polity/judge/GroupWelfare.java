package dev.polity.judge;

import dev.polity.choice.GroupAnalysis;
import dev.polity.choice.Welfare;
import dev.polity.judge.learn.GroupHead;
import dev.polity.judge.learn.JudgeModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a group-aware derogation verdict weighs the groups: a welfare function of {@code choice} over the
 * heads of one group column, each group's utility being {@code 1 − score} (not offended), with the group
 * weights of {@link GroupAnalysis#weights}. The verdict's score is {@code 1 − welfare} (Nash: one minus the
 * weighted geometric mean of {@code 1 − score}): {@code mean} (utilitarian) is the weighted mean score,
 * {@code most_sensitive} (egalitarian; leximin decides the same for one answer) the highest group score.
 *
 * @param heads   the indices of the column's heads among the model's group heads
 * @param weights their normalised weights
 */
record GroupWelfare(Welfare welfare, String name, String column, List<Integer> heads, double[] weights) {
    static final String DEFAULT_WEIGHTS = "trained";

    /** {@code mean}, {@code most_sensitive}, or a welfare function's id. */
    static Welfare parse(String name, CheckParams p) {
        return switch (name) {
            case "mean" -> Welfare.UTILITARIAN;
            case "most_sensitive" -> Welfare.EGALITARIAN;
            default -> {
                for (Welfare w : Welfare.values()) {
                    if (w.id().equals(name)) {
                        yield w;
                    }
                }
                throw p.bad("welfare", "mean, most_sensitive, utilitarian, egalitarian, leximin or nash", name);
            }
        };
    }

    /** The rule a check's parameters ask for, over {@code model}'s heads; null when the check names no welfare or the model has no heads. */
    static GroupWelfare of(CheckParams p, JudgeModel model) {
        if (!p.has("welfare") || model.groupHeads().isEmpty()) {
            return null;
        }
        String name = p.string("welfare", "mean").toLowerCase(Locale.ROOT);
        Welfare w = parse(name, p);
        List<GroupHead> all = model.groupHeads();
        String column = p.string("group_column", all.get(0).column());
        List<Integer> heads = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        double[] trained = new double[0];
        for (int h = 0; h < all.size(); h++) {
            if (all.get(h).column().equals(column)) {
                heads.add(h);
                groups.add(all.get(h).group());
            }
        }
        if (heads.isEmpty()) {
            throw p.bad("group_column", "one of the model's group columns " + all.stream().map(GroupHead::column).distinct().toList(), column);
        }
        double[] sizes = heads.stream().mapToDouble(h -> all.get(h).ratings()).toArray();
        trained = heads.stream().mapToDouble(h -> all.get(h).weight()).toArray();
        Object given = p.check().params().get("group_weights");
        double[] weights;
        if (given instanceof Map<?, ?> m) {
            Map<String, Double> byGroup = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String g = String.valueOf(e.getKey());
                if (!groups.contains(g)) {
                    throw p.bad("group_weights", "weights for the model's groups " + groups + "; '" + g + "' has no ratings in its training", g);
                }
                byGroup.put(g, e.getValue() instanceof Number n ? n.doubleValue() : number(p, e.getValue()));
            }
            weights = GroupAnalysis.weights(GroupAnalysis.Weights.GIVEN, groups, sizes, byGroup, "group_weights");
        } else {
            String mode = given == null ? DEFAULT_WEIGHTS : String.valueOf(given);
            weights = switch (mode) {
                case "trained" -> GroupAnalysis.weights(GroupAnalysis.Weights.GIVEN, groups, sizes, zip(groups, trained), "group_weights");
                case "equal" -> GroupAnalysis.weights(GroupAnalysis.Weights.EQUAL, groups, sizes, Map.of(), "group_weights");
                case "proportional" -> GroupAnalysis.weights(GroupAnalysis.Weights.PROPORTIONAL, groups, sizes, Map.of(), "group_weights");
                default -> throw p.bad("group_weights", "trained, equal, proportional or a map of group: weight", mode);
            };
        }
        return new GroupWelfare(w, name, column, List.copyOf(heads), weights);
    }

    private static double number(CheckParams p, Object v) {
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw p.bad("group_weights", "a number per group", v);
        }
    }

    private static Map<String, Double> zip(List<String> groups, double[] w) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            m.put(groups.get(g), w[g]);
        }
        return m;
    }

    /** The score the verdict follows, from the model's outputs (the overall score, then one per head). */
    double score(double[] outputs) {
        double[][] utility = new double[heads.size()][1];
        for (int g = 0; g < heads.size(); g++) {
            utility[g][0] = Math.max(1e-12, 1 - outputs[heads.get(g) + 1]);
        }
        double v = welfare.scores(utility, weights)[0];
        return Math.max(0, Math.min(1, welfare == Welfare.NASH ? 1 - Math.exp(v) : 1 - v));
    }
}
