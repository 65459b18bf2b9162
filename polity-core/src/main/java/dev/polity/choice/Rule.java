package dev.polity.choice;

import dev.polity.input.InvalidInputException;
import java.util.Arrays;
import java.util.List;

/** The voting rules, by their command-line names. Each is a pure function of the profile. */
public enum Rule {
    PLURALITY("plurality"),
    BORDA("borda"),
    COPELAND("copeland"),
    SCHULZE("schulze"),
    RANKED_PAIRS("ranked-pairs"),
    IRV("irv"),
    KEMENY("kemeny"),
    MAXIMAL_LOTTERIES("maximal-lotteries");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
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
