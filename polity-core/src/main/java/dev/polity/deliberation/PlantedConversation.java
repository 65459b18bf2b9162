package dev.polity.deliberation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Synthetic conversations with a planted structure, for tests and benchmarks: participants fall into
 * opposed groups (participant i in group i mod groups); the first {@code bridging} statements are ones
 * every group agrees with, every other statement is agreed with by one group and rejected by the rest.
 * Each vote follows the planted side with probability {@code fidelity}; otherwise it is a pass (30 %) or
 * the opposite vote.
 */
public final class PlantedConversation {
    private PlantedConversation() {
    }

    public record Spec(int participants, int statements, int votes, int groups, int bridging, double fidelity, long seed) {
    }

    public static List<Integer> bridgingStatements(Spec s) {
        return IntStream.range(0, s.bridging()).boxed().toList();
    }

    public static int[] plantedGroups(Spec s) {
        return IntStream.range(0, s.participants()).map(i -> i % s.groups()).toArray();
    }

    public static Conversation generate(Spec s) {
        SplittableRandom random = new SplittableRandom(s.seed());
        int n = s.participants();
        int m = s.statements();
        int[] pi = new int[s.votes()];
        int[] sj = new int[s.votes()];
        byte[] vv = new byte[s.votes()];
        long[] order = new long[s.votes()];
        boolean[] taken = new boolean[m];
        int[] picked = new int[m];
        int at = 0;
        for (int i = 0; i < n; i++) {
            int quota = Math.min(m, s.votes() / n + (i < s.votes() % n ? 1 : 0));
            int count = 0;
            while (count < quota) {
                int j = random.nextInt(m);
                if (!taken[j]) {
                    taken[j] = true;
                    picked[count++] = j;
                }
            }
            for (int t = 0; t < count; t++) {
                int j = picked[t];
                taken[j] = false;
                boolean agreeSide = j < s.bridging() || (j % s.groups()) == (i % s.groups());
                byte planted = (byte) (agreeSide ? 1 : -1);
                byte vote;
                double u = random.nextDouble();
                if (u < s.fidelity()) {
                    vote = planted;
                } else if (u < s.fidelity() + (1 - s.fidelity()) * 0.3) {
                    vote = 0;
                } else {
                    vote = (byte) -planted;
                }
                pi[at] = i;
                sj[at] = j;
                vv[at] = vote;
                order[at] = at;
                at++;
            }
        }
        pi = java.util.Arrays.copyOf(pi, at);
        sj = java.util.Arrays.copyOf(sj, at);
        vv = java.util.Arrays.copyOf(vv, at);
        order = java.util.Arrays.copyOf(order, at);
        List<Statement> statements = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            statements.add(new Statement(Integer.toString(j), j < s.bridging() ? "Planted bridging statement " + j
                    : "Planted statement " + j + " favoured by group " + (j % s.groups()), "", 1, false, null));
        }
        List<String> participants = IntStream.range(0, n).mapToObj(Integer::toString).toList();
        return new Conversation("planted", statements, participants, VoteMatrix.of(n, m, pi, sj, vv, order), Map.of(), List.of());
    }
}
