package dev.polity.eval;

import dev.polity.judge.Verdict;
import java.util.List;

/**
 * The verdict on one applicable norm: the ensemble's overall verdict and one per check.
 *
 * @param tier and {@code kind} are copied from the norm so reports need not reload the constitution
 */
public record NormVerdict(String normId, String tier, String kind, Verdict verdict, List<Verdict> checks) {
    public NormVerdict {
        checks = List.copyOf(checks);
    }
}
