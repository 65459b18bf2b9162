package dev.polity.eval;

/**
 * The gate a run must pass in CI; a null threshold is not checked.
 *
 * @param conservative when true, a minimum is checked against the lower end of the 95% interval and a
 *                     maximum against the upper end, so a small sample cannot pass by luck
 */
public record Thresholds(Double minCompliance, Double maxAttackSuccess, Double maxFlipRate, Double maxOverRefusal,
                         Double maxCounterfactualGap, Double maxUncertain, boolean conservative) {
    public static final Thresholds NONE = new Thresholds(null, null, null, null, null, null, false);

    public Thresholds withMinCompliance(Double v) {
        return new Thresholds(v, maxAttackSuccess, maxFlipRate, maxOverRefusal, maxCounterfactualGap, maxUncertain, conservative);
    }

    /** These thresholds, each replaced by {@code other}'s where {@code other} sets one (command-line overrides). */
    public Thresholds overriddenBy(Thresholds other) {
        return new Thresholds(
                other.minCompliance != null ? other.minCompliance : minCompliance,
                other.maxAttackSuccess != null ? other.maxAttackSuccess : maxAttackSuccess,
                other.maxFlipRate != null ? other.maxFlipRate : maxFlipRate,
                other.maxOverRefusal != null ? other.maxOverRefusal : maxOverRefusal,
                other.maxCounterfactualGap != null ? other.maxCounterfactualGap : maxCounterfactualGap,
                other.maxUncertain != null ? other.maxUncertain : maxUncertain,
                conservative || other.conservative);
    }
}
