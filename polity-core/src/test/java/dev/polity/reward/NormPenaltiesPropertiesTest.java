package dev.polity.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.polity.judge.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Lexicographic dominance of the highest tier: in any context, whatever the preferences and whatever else is
 * violated or uncertain, an answer with fewer law-tier violations gets the strictly higher reward.
 */
class NormPenaltiesPropertiesTest {
    static final List<String> TIERS = List.of("law", "regulation", "operator", "community", "user");
    static final NormPenalties STANDARD = NormPenalties.standard(TIERS);

    /** A context: the tiers of its applicable norms, at least one law. */
    @Provide
    Arbitrary<List<String>> contexts() {
        return Arbitraries.of(TIERS).list().ofMinSize(0).ofMaxSize(30).map(l -> {
            List<String> out = new ArrayList<>(l);
            out.add("law");
            return out;
        });
    }

    /** Each applicable norm's verdict on an answer. */
    static List<NormPenalties.Judged> verdicts(List<String> tiers, List<Outcome> outcomes) {
        List<NormPenalties.Judged> out = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            out.add(new NormPenalties.Judged("n" + i, tiers.get(i), outcomes.get(i % outcomes.size()), 0.9, "rules", ""));
        }
        return out;
    }

    static double reward(double preference, List<NormPenalties.Judged> verdicts, List<String> tiers) {
        return preference - STANDARD.charge(verdicts, STANDARD.unit(tiers)).total();
    }

    @Property(tries = 500)
    void fewerLawViolationsAlwaysWin(@ForAll("contexts") List<String> tiers,
                                     @ForAll @DoubleRange(min = 0, max = 1) double preferenceA,
                                     @ForAll @DoubleRange(min = 0, max = 1) double preferenceB,
                                     @ForAll("outcomes") List<Outcome> a,
                                     @ForAll("outcomes") List<Outcome> b) {
        List<NormPenalties.Judged> va = verdicts(tiers, a);
        List<NormPenalties.Judged> vb = verdicts(tiers, b);
        int lawA = STANDARD.charge(va, STANDARD.unit(tiers)).lexicographicViolations();
        int lawB = STANDARD.charge(vb, STANDARD.unit(tiers)).lexicographicViolations();
        double ra = reward(preferenceA, va, tiers);
        double rb = reward(preferenceB, vb, tiers);
        if (lawA < lawB) {
            assertThat(ra).isGreaterThan(rb);
        } else if (lawB < lawA) {
            assertThat(rb).isGreaterThan(ra);
        }
    }

    @Provide
    Arbitrary<List<Outcome>> outcomes() {
        return Arbitraries.of(Outcome.values()).list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 200)
    void uncertainVerdictsCostNothingAndAreReported(@ForAll("contexts") List<String> tiers) {
        List<NormPenalties.Judged> v = verdicts(tiers, List.of(Outcome.UNCERTAIN));
        NormPenalties.Result r = STANDARD.charge(v, STANDARD.unit(tiers));
        assertThat(r.total()).isZero();
        assertThat(r.uncertain()).hasSize(tiers.size());
    }

    @Example
    void theStandardScheduleOnAHandComputedContext() {
        // law lexicographic; regulation 1, operator 1/2, community 1/4, user 1/8
        assertThat(STANDARD.lexicographic()).isEqualTo("law");
        assertThat(new ArrayList<>(STANDARD.perTier().keySet())).containsExactly("regulation", "operator", "community", "user");
        assertThat(new ArrayList<>(STANDARD.perTier().values())).containsExactly(1.0, 0.5, 0.25, 0.125);
        List<String> tiers = List.of("law", "regulation", "operator", "operator");
        // unit = 2 + 1 + 0.5 + 0.5 = 4
        assertThat(STANDARD.unit(tiers)).isEqualTo(4.0);
        List<NormPenalties.Judged> v = verdicts(tiers, List.of(Outcome.VIOLATES, Outcome.COMPLIES, Outcome.VIOLATES, Outcome.UNCERTAIN));
        NormPenalties.Result r = STANDARD.charge(v, 4.0);
        assertThat(r.total()).isCloseTo(4.5, within(1e-12));
        assertThat(r.lexicographicViolations()).isEqualTo(1);
        assertThat(r.uncertain()).containsExactly("n3");
        assertThat(STANDARD.with(Map.of("operator", 2.0)).penalty("operator")).isEqualTo(2.0);
        assertThat(STANDARD.penalty("unheard-of")).isEqualTo(NormPenalties.UNNAMED);
    }

    @Property(tries = 100)
    void aLawViolationOutweighsTheBestPreferenceAndTheWorstOfEverythingElse(@ForAll("contexts") List<String> tiers) {
        List<NormPenalties.Judged> allButLaw = new ArrayList<>();
        List<NormPenalties.Judged> onlyOneLaw = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            boolean law = tiers.get(i).equals("law");
            allButLaw.add(new NormPenalties.Judged("n" + i, tiers.get(i), law ? Outcome.COMPLIES : Outcome.VIOLATES, 1, "x", ""));
            onlyOneLaw.add(new NormPenalties.Judged("n" + i, tiers.get(i), law && i == tiers.size() - 1 ? Outcome.VIOLATES : Outcome.COMPLIES, 1, "x", ""));
        }
        assertThat(reward(0, allButLaw, tiers)).isGreaterThan(reward(1, onlyOneLaw, tiers));
    }
}
