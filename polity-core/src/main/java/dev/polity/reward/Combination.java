package dev.polity.reward;

import dev.polity.choice.GroupAnalysis;
import dev.polity.choice.Welfare;
import dev.polity.input.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the group heads' utilities become one preference: a welfare function of {@link Welfare} over the groups
 * (utilitarian: the weighted mean; egalitarian: the worst-off group's utility, the max-min objective of MaxMin-RLHF,
 * Chakraborty et al., 2024; Nash: the weighted geometric mean, {@code exp Σ w_g log u_g}), or group-robust weights
 * (GRPO, Ramesh et al., 2024, "Group Robust Preference Optimization": mirror ascent on the groups' losses,
 * {@code α_g ∝ w_g exp(η L_g)}, puts weight on the groups the model serves worst; here L_g is a head's
 * cross-validated log loss and the weighted mean is taken with α). Every utility is in (0, 1) ({@link RewardModel}),
 * so every combination is too.
 *
 * @param name    utilitarian, egalitarian, nash or robust
 * @param weights the groups' weights, summing to 1, in head order (for robust: α)
 */
public record Combination(String name, Welfare welfare, double[] weights) {
    public static final List<String> NAMES = List.of("utilitarian", "egalitarian", "nash", "robust");
    /** GRPO's step on the groups' losses: a head whose cross-validated log loss is 0.07 higher gets twice the weight. */
    public static final double ROBUST_STEP = 10;

    /**
     * The combination named {@code rule} of a model's heads, the groups weighted by {@code groupWeights}: {@code trained}
     * (each group's share of the training pairs), {@code equal}, or a CSV file {@code group,weight} (population weights).
     *
     * @throws InvalidInputException naming {@code --welfare} or {@code --group-weights} when a value cannot be used
     */
    public static Combination of(String rule, RewardModel model, String groupWeights) {
        if (rule.equals("leximin")) {
            throw new InvalidInputException(null, "--welfare: leximin orders answers by their sorted utilities and gives no single number;"
                    + " use egalitarian, its first criterion");
        }
        if (!NAMES.contains(rule)) {
            throw new InvalidInputException(null, "--welfare: expected one of " + String.join(", ", NAMES) + ", got '" + rule + "'");
        }
        List<String> groups = new ArrayList<>();
        double[] sizes = new double[model.heads().size()];
        for (int g = 0; g < sizes.length; g++) {
            groups.add(model.heads().get(g).group());
            sizes[g] = model.heads().get(g).weight();
        }
        double[] w = groups.isEmpty() ? new double[0] : switch (groupWeights) {
            case "trained" -> GroupAnalysis.weights(GroupAnalysis.Weights.PROPORTIONAL, groups, sizes, Map.of(), "--group-weights");
            case "equal" -> GroupAnalysis.weights(GroupAnalysis.Weights.EQUAL, groups, sizes, Map.of(), "--group-weights");
            default -> GroupAnalysis.weights(GroupAnalysis.Weights.GIVEN, groups, sizes,
                    GroupAnalysis.readWeights(Path.of(groupWeights), "--group-weights"), "--group-weights");
        };
        if (rule.equals("robust")) {
            double total = 0;
            for (int g = 0; g < w.length; g++) {
                Double loss = model.heads().get(g).crossValidated().get("log_loss");
                w[g] *= Math.exp(ROBUST_STEP * (loss == null ? 0 : loss));
                total += w[g];
            }
            for (int g = 0; g < w.length; g++) {
                w[g] /= total;
            }
            return new Combination(rule, Welfare.UTILITARIAN, w);
        }
        return new Combination(rule, Welfare.byId(rule), w);
    }

    /** One group's utility: the chance that the answer beats the training answers' mean, under its head. */
    public static double utility(double score) {
        return score >= 0 ? 1 / (1 + Math.exp(-score)) : Math.exp(score) / (1 + Math.exp(score));
    }

    /** The combined preference of the groups' utilities (in head order). */
    public double combine(double[] utilities) {
        double[][] u = new double[utilities.length][1];
        for (int g = 0; g < utilities.length; g++) {
            // a utility that rounds to 0 would make Nash's log infinite: one answer's worst is then merely very low
            u[g][0] = Math.max(utilities[g], 1e-12);
        }
        double s = welfare.scores(u, weights)[0];
        return welfare == Welfare.NASH ? Math.exp(s) : s;
    }
}
