package dev.polity.choice;

import dev.polity.input.InvalidInputException;
import dev.polity.input.PluginInfo;
import java.util.Arrays;
import java.util.List;

/**
 * The voting rules, by their command-line names, each describing itself once (what it does, whom it
 * follows): {@code aggregate --help} and docs/CHOICE.md's table read these. Each is a pure function of the
 * profile. A new rule is one constant here and the class that computes it.
 */
public enum Rule {
    PLURALITY("plurality", "most first places; a first place tied between k alternatives gives 1/k to each",
            "Zwicker, 2016, \"Introduction to the Theory of Voting\", Handbook of Computational Social Choice, ch. 2"),
    BORDA("borda", "one point per alternative ranked below, half a point per alternative tied (symmetric Borda)",
            "Borda, 1781; Zwicker, 2016, Handbook of Computational Social Choice, ch. 2"),
    COPELAND("copeland", "pairwise majority wins count 1, ties 1/2", "Copeland, 1951; Zwicker, 2016, Handbook of Computational Social Choice, ch. 2"),
    SCHULZE("schulze", "widest paths over winning-votes link strengths", "Schulze, 2011, Soc. Choice Welf., sec. 2.2"),
    RANKED_PAIRS("ranked-pairs", "majorities locked in by margin, largest first, unless they close a cycle", "Tideman, 1987, Soc. Choice Welf., sec. 4"),
    IRV("irv", "instant runoff: the alternative with the fewest first preferences is eliminated until one is left",
            "Hare, 1859; ties: Conitzer, Rognlie and Xia, 2009, sec. 2"),
    KEMENY("kemeny", "the ranking with the least total Kendall tau distance to the ballots; exact, at most 20 alternatives",
            "Kemeny, 1959; Young and Levenglick, 1978"),
    MAXIMAL_LOTTERIES("maximal-lotteries", "a lottery over the alternatives that no other lottery beats on the majority margins; "
            + "when several do, the one closest to uniform (a quadratic programme)",
            "Fishburn, 1984; Brandl, Brandt and Seedig, 2016, Econometrica 84(5); Brandt, Brill, Seedig and Suksompong, 2017, "
                    + "Handbook of Computational Social Choice, ch. 4");

    private final String id;
    private final PluginInfo info;

    Rule(String id, String description, String source) {
        this.id = id;
        this.info = new PluginInfo(id, description, source, List.of());
    }

    public String id() {
        return id;
    }

    /** What the rule does and whom it follows. */
    public PluginInfo info() {
        return info;
    }

    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new InvalidInputException(null, "--rule: expected one of " + names() + " or all, got '" + id + "'");
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Rule::id).toList());
    }

    /** Whether the rule only needs the majority matrix (then it can run on huge candidate sets). */
    public boolean majorityOnly() {
        return this != PLURALITY && this != IRV;
    }

    public RuleResult apply(Profile p) {
        return switch (this) {
            case PLURALITY -> ScoringRules.plurality(p);
            case IRV -> InstantRunoff.apply(p);
            default -> apply(p.majority(), p.voters());
        };
    }

    public RuleResult apply(MajorityMatrix m, double voters) {
        return switch (this) {
            case BORDA -> ScoringRules.borda(m, voters);
            case COPELAND -> ScoringRules.byScore(this, m.copelandScores(), null);
            case SCHULZE -> Schulze.apply(m);
            case RANKED_PAIRS -> RankedPairs.apply(m);
            case KEMENY -> Kemeny.apply(m);
            case MAXIMAL_LOTTERIES -> MaximalLotteries.apply(m);
            default -> throw new IllegalArgumentException(id + " needs the ballots, not only the majority matrix");
        };
    }

    public static List<Rule> all() {
        return List.of(values());
    }
}
