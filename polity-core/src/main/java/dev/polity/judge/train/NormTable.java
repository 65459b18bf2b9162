package dev.polity.judge.train;

import dev.polity.judge.Answer;
import dev.polity.judge.FactReader;
import dev.polity.judge.Outcome;
import dev.polity.judge.learn.AnswerFacts;
import dev.polity.judge.learn.NormFacts;
import dev.polity.judge.learn.NormFeatures;
import dev.polity.norms.Constitution;
import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The norm judge's training rows: the labelled items, and optionally every norm's own examples as extra
 * rows (an example is read without itself among its norm's examples, so that it does not vote for
 * itself). {@code dev[i]} tells a labelled item from an example; only items are ever scored in
 * cross-validation, and a held-out norm's examples are never trained on.
 */
record NormTable(List<NormItem> rows, double[][] x, int[] y, String[] norms, double[] relevance, boolean[] dev) {

    int size() {
        return y.length;
    }

    static NormTable of(List<NormItem> items, Constitution constitution, FactReader reader, boolean examplesAsRows, IntConsumer progress) {
        Map<String, Norm> byId = constitution.byId();
        List<NormItem> rows = new ArrayList<>(items);
        List<AnswerFacts> facts = new ArrayList<>(reader.answers(items.stream().map(i -> new Answer(i.prompt(), i.answer())).toList()));
        progress.accept(items.size());
        List<NormFacts> norms = new ArrayList<>();
        for (NormItem i : items) {
            norms.add(reader.norm(byId.get(i.norm()), (dev.polity.norms.Check) null));
        }
        int devRows = rows.size();
        if (examplesAsRows) {
            for (Norm n : constitution.norms()) {
                if (n.examples().compliant().isEmpty() || n.examples().violating().isEmpty()) {
                    continue;
                }
                NormFacts nf = reader.norm(n, (dev.polity.norms.Check) null);
                addExamples(rows, facts, norms, n, nf, nf.compliant(), Outcome.COMPLIES);
                addExamples(rows, facts, norms, n, nf, nf.violating(), Outcome.VIOLATES);
            }
        }
        int n = rows.size();
        double[][] x = new double[n][];
        int[] y = new int[n];
        String[] group = new String[n];
        double[] relevance = new double[n];
        boolean[] dev = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = NormFeatures.vector(facts.get(i), norms.get(i));
            y[i] = rows.get(i).violates() ? 1 : 0;
            group[i] = rows.get(i).norm();
            relevance[i] = NormFeatures.relevance(facts.get(i), norms.get(i));
            dev[i] = i < devRows;
        }
        return new NormTable(List.copyOf(rows), x, y, group, relevance, dev);
    }

    private static void addExamples(List<NormItem> rows, List<AnswerFacts> facts, List<NormFacts> norms, Norm n, NormFacts nf,
                                    List<AnswerFacts> examples, Outcome label) {
        for (AnswerFacts e : examples) {
            rows.add(new NormItem("<constitution>", 0, n.id() + "#example", n.id(), null, "", e.text().text(), label, e.text().language(), null));
            facts.add(e);
            norms.add(nf.without(e));
        }
    }
}
