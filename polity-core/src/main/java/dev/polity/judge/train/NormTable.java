package dev.polity.judge.train;

import dev.polity.judge.Answer;
import dev.polity.judge.FactReader;
import dev.polity.judge.learn.AnswerFacts;
import dev.polity.judge.learn.NormFacts;
import dev.polity.judge.learn.NormFeatures;
import dev.polity.norms.Check;
import dev.polity.norms.Constitution;
import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The norm judge's training rows: each labelled item's stance features ({@link NormFeatures#vector}) and
 * relevance features against its own norm, and the same for unrelated pairs, each item's exchange put
 * against {@value #UNRELATED} norms of other topics (seeded), which the norm does not concern: what the
 * relevance model learns "not applicable" from, and what shows whether the judge abstains on them.
 */
record NormTable(List<NormItem> rows, double[][] x, int[] y, String[] norms, String[] tiers, double[][] relevance,
                 double[][] unrelatedX, double[][] unrelatedRelevance, String[] unrelatedNorms, String[] unrelatedTiers) {
    static final int UNRELATED = 2;

    int size() {
        return y.length;
    }

    static NormTable of(List<NormItem> items, Constitution constitution, FactReader reader, long seed, IntConsumer progress) {
        Map<String, Norm> byId = constitution.byId();
        List<AnswerFacts> facts = reader.answers(items.stream().map(i -> new Answer(i.prompt(), i.answer())).toList());
        progress.accept(items.size());
        List<Norm> candidates = constitution.norms().stream()
                .filter(n -> !n.examples().compliant().isEmpty() && !n.examples().violating().isEmpty())
                .sorted(java.util.Comparator.comparing(Norm::id)).toList();
        Random random = new Random(seed);
        int n = items.size();
        double[][] x = new double[n][];
        int[] y = new int[n];
        String[] group = new String[n];
        double[][] relevance = new double[n][];
        List<double[]> ux = new ArrayList<>();
        List<double[]> ur = new ArrayList<>();
        List<String> un = new ArrayList<>();
        List<String> ut = new ArrayList<>();
        String[] tiers = new String[n];
        for (int i = 0; i < n; i++) {
            Norm norm = byId.get(items.get(i).norm());
            NormFacts nf = reader.norm(norm, (Check) null);
            NormFeatures.Features f = NormFeatures.of(facts.get(i), nf);
            x[i] = f.stance();
            y[i] = items.get(i).violates() ? 1 : 0;
            group[i] = norm.id();
            tiers[i] = norm.tier();
            relevance[i] = f.relevance();
            for (int k = 0; k < UNRELATED && candidates.size() > 1; ) {
                Norm other = candidates.get(random.nextInt(candidates.size()));
                if (family(other).equals(family(norm))) {
                    continue;
                }
                NormFacts of = reader.norm(other, (Check) null);
                NormFeatures.Features unrelated = NormFeatures.of(facts.get(i), of);
                ux.add(unrelated.stance());
                ur.add(unrelated.relevance());
                un.add(other.id());
                ut.add(other.tier());
                k++;
            }
        }
        return new NormTable(List.copyOf(items), x, y, group, tiers, relevance, ux.toArray(double[][]::new), ur.toArray(double[][]::new),
                un.toArray(String[]::new), ut.toArray(String[]::new));
    }

    /** The first part of a norm's topic ({@code ai-disclosure} of {@code ai-disclosure.interaction}): norms of one family concern like exchanges. */
    static String family(Norm n) {
        int dot = n.topic().indexOf('.');
        return dot < 0 ? n.topic() : n.topic().substring(0, dot);
    }
}
