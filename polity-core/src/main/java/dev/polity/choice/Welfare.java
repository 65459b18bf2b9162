package dev.polity.choice;

import dev.polity.input.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Social welfare over groups (Sen, 1970, "Collective Choice and Social Welfare", ch. 9; Moulin, 1988,
 * "Axioms of Cooperative Decision Making", ch. 2): the collective value of an item from the groups' utilities
 * u_g(x) and weights w_g. Utilitarian: sum w_g u_g. Egalitarian (Rawls' max-min): min_g u_g. Leximin: compare
 * the sorted utility vectors lexicographically, worst first. Nash: sum w_g log u_g (utilities must be
 * positive). Weights do not enter the egalitarian and leximin orders, which look only at the worst off.
 */
public enum Welfare {
    UTILITARIAN, EGALITARIAN, LEXIMIN, NASH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Welfare byId(String id) {
        for (Welfare w : values()) {
            if (w.id().equals(id)) {
                return w;
            }
        }
        throw new InvalidInputException(null, "--welfare: expected utilitarian, egalitarian, leximin or nash, got '" + id + "'");
    }

    /** One number per item (for leximin the worst-off utility; its order also uses the rest of the vector). */
    public double[] scores(double[][] utility, double[] weight) {
        int items = utility[0].length;
        double[] s = new double[items];
        for (int x = 0; x < items; x++) {
            double v = switch (this) {
                case UTILITARIAN -> {
                    double t = 0;
                    for (int g = 0; g < utility.length; g++) {
                        t += weight[g] * utility[g][x];
                    }
                    yield t;
                }
                case EGALITARIAN, LEXIMIN -> {
                    double m = Double.POSITIVE_INFINITY;
                    for (double[] u : utility) {
                        m = Math.min(m, u[x]);
                    }
                    yield m;
                }
                case NASH -> {
                    double t = 0;
                    for (int g = 0; g < utility.length; g++) {
                        t += weight[g] * Math.log(utility[g][x]);
                    }
                    yield t;
                }
            };
            s[x] = v;
        }
        return s;
    }

    /** Items best first; equal values go in item order. */
    public List<Integer> ranking(double[][] utility, double[] weight) {
        double[] s = scores(utility, weight);
        List<Integer> order = new ArrayList<>();
        for (int x = 0; x < s.length; x++) {
            order.add(x);
        }
        if (this == LEXIMIN) {
            double[][] sorted = new double[s.length][];
            for (int x = 0; x < s.length; x++) {
                double[] v = new double[utility.length];
                for (int g = 0; g < utility.length; g++) {
                    v[g] = utility[g][x];
                }
                Arrays.sort(v);
                sorted[x] = v;
            }
            order.sort((a, b) -> {
                for (int k = 0; k < sorted[a].length; k++) {
                    if (!ScoringRules.same(sorted[a][k], sorted[b][k])) {
                        return Double.compare(sorted[b][k], sorted[a][k]);
                    }
                }
                return Integer.compare(a, b);
            });
            return order;
        }
        return ScoringRules.rankByScore(s);
    }
}
