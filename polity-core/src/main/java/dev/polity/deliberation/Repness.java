package dev.polity.deliberation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Representativeness of a statement for a group against everyone else in other groups (Polis math,
 * repness.clj and stats.clj, compdemocracy/polis): smoothed rates pa = (na + 1) / (ns + 2), their ratio to
 * the rest's, a one-proportion z-test of the rate against 1/2 and a two-proportion z-test of the group
 * against the rest, both with a pseudo-count of one; significant when z > 1.2816 (90 %, one-sided).
 */
public record Repness(int statement, int group, int na, int nd, int ns, double pa, double pd, double pat, double pdt,
                      double ra, double rd, double rat, double rdt) {

    public static final double Z90 = 1.2816;

    public static Repness of(GroupVotes v, int statement, int group) {
        int na = v.agree()[statement][group];
        int nd = v.disagree()[statement][group];
        int ns = v.seen()[statement][group];
        int restA = 0;
        int restD = 0;
        int restS = 0;
        for (int g = 0; g < v.groups(); g++) {
            if (g != group) {
                restA += v.agree()[statement][g];
                restD += v.disagree()[statement][g];
                restS += v.seen()[statement][g];
            }
        }
        double pa = (na + 1.0) / (ns + 2.0);
        double pd = (nd + 1.0) / (ns + 2.0);
        double ra = pa / ((restA + 1.0) / (restS + 2.0));
        double rd = pd / ((restD + 1.0) / (restS + 2.0));
        return new Repness(statement, group, na, nd, ns, pa, pd, proportionZ(na, ns), proportionZ(nd, ns), ra, rd,
                twoProportionZ(na, restA, ns, restS), twoProportionZ(nd, restD, ns, restS));
    }

    /** z of a proportion against 1/2, with one pseudo-success and one pseudo-trial (Polis stats.clj prop-test). */
    public static double proportionZ(int successes, int n) {
        double s = successes + 1.0;
        double t = n + 1.0;
        return 2 * Math.sqrt(t) * (s / t - 0.5);
    }

    /** Two-proportion z-test with pooled variance, one pseudo-count on each input (Polis stats.clj two-prop-test). */
    public static double twoProportionZ(int successIn, int successOut, int nIn, int nOut) {
        double s1 = successIn + 1.0;
        double s2 = successOut + 1.0;
        double n1 = nIn + 1.0;
        double n2 = nOut + 1.0;
        double pooled = (s1 + s2) / (n1 + n2);
        if (pooled >= 1.0) {
            return 0;
        }
        return (s1 / n1 - s2 / n2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    }

    /** Whether the group agrees (true) or disagrees (false) more distinctively. */
    public boolean forAgree() {
        return rat > rdt;
    }

    /** Passes Polis's test: agreement (or disagreement) both likely and distinctive at 90 %. */
    public boolean significant() {
        return (rat > Z90 && pat > Z90) || (rdt > Z90 && pdt > Z90);
    }

    /** Polis's ranking metric: repness x its z x probability x its z, for the side it is representative of. */
    public double metric() {
        return forAgree() ? ra * rat * pa * pat : rd * rdt * pd * pdt;
    }

    /**
     * Polis's "best agree" statement of a group (repness.clj, beats-best-agr?): scanning the statements in
     * order, the first one voted on that looks generally agreed with (pat significant, or ra > 1 and pa > 1/2)
     * becomes the candidate; a later one replaces it when it has a larger ra*rat*pa*pat (once the candidate's
     * ra exceeds 1) or else a larger pa*pat. Empty when no statement qualifies.
     */
    public static Optional<Repness> bestAgree(List<Repness> ofGroup) {
        Repness best = null;
        for (Repness r : ofGroup) {
            boolean beats;
            if (r.na() == 0 && r.nd() == 0) {
                beats = false;
            } else if (best != null && best.ra() > 1.0) {
                beats = r.ra() * r.rat() * r.pa() * r.pat() > best.ra() * best.rat() * best.pa() * best.pat();
            } else if (best != null) {
                beats = r.pa() * r.pat() > best.pa() * best.pat();
            } else {
                beats = r.pat() > Z90 || (r.ra() > 1.0 && r.pa() > 0.5);
            }
            if (beats) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The group's representative statements as Polis selects them (repness.clj, select-rep-comments): the
     * statements that pass the test, by metric, with the best-agree statement put first, at most
     * {@code limit}, agrees before disagrees. When none pass: the best-agree statement, else the one with the
     * largest test value (the first on ties). {@code ofGroup} is in statement order, which breaks ties.
     */
    public static List<Repness> top(List<Repness> ofGroup, int limit) {
        Optional<Repness> bestAgree = bestAgree(ofGroup);
        List<Repness> passing = new ArrayList<>(ofGroup.stream().filter(Repness::significant).toList());
        if (passing.isEmpty()) {
            if (bestAgree.isPresent()) {
                return List.of(bestAgree.get());
            }
            Repness best = null;
            for (Repness r : ofGroup) {
                if (best == null || Math.max(r.rat(), r.rdt()) > Math.max(best.rat(), best.rdt())) {
                    best = r;
                }
            }
            return best == null ? List.of() : List.of(best);
        }
        passing.removeIf(r -> bestAgree.isPresent() && r.statement() == bestAgree.get().statement());
        // Stable sort: equal metrics keep statement order.
        passing.sort(Comparator.comparingDouble(Repness::metric).reversed());
        List<Repness> head = new ArrayList<>();
        bestAgree.ifPresent(head::add);
        for (Repness r : passing) {
            if (head.size() >= limit) {
                break;
            }
            head.add(r);
        }
        head.sort(Comparator.comparing((Repness r) -> !r.forAgree()));
        return head;
    }
}
