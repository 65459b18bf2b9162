package dev.polity.judge.train;

import dev.polity.judge.learn.GroupHead;
import dev.polity.input.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ratings with their raters' groups as group-aware training sees them: the distinct texts (rows sharing an
 * id are one text, in order of first appearance), everyone's ratings per text, and for every value of every
 * group column (a head; several columns are not crossed) its raters' ratings per text. Labels outside
 * [0, 1] are mapped linearly from the observed range of single ratings onto [0, 1].
 */
public record GroupRatings(List<String> columns, List<String> ids, List<String> texts, Head everyone, List<Head> heads,
                           double min, double max) {

    /** One group's ratings: per text their sum (already mapped onto [0, 1]) and count. */
    public record Head(String column, String group, double[] sum, int[] count) {
        public String output() {
            return GroupHead.output(column, group);
        }

        public int ratings() {
            int n = 0;
            for (int c : count) {
                n += c;
            }
            return n;
        }

        public int texts() {
            int n = 0;
            for (int c : count) {
                n += c > 0 ? 1 : 0;
            }
            return n;
        }

        /** The group's mean rating of text t; NaN when none of its raters rated it. */
        public double mean(int t) {
            return count[t] == 0 ? Double.NaN : sum[t] / count[t];
        }
    }

    public GroupRatings {
        columns = List.copyOf(columns);
        ids = List.copyOf(ids);
        texts = List.copyOf(texts);
        heads = List.copyOf(heads);
    }

    /** Whether labels were mapped from [min, max] onto [0, 1]. */
    public boolean rescaled() {
        return min < 0 || max > 1;
    }

    /**
     * Reads the groups of {@code data}'s rows ({@link TrainingData.Columns#groups()}); the heads come in the
     * sorted order of their outputs, {@code score_<column>_<group>}.
     */
    public static GroupRatings of(TrainingData data) {
        List<String> columns = data.columns().groups();
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no group columns");
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        double[] label = new double[data.rows().size()];
        int[] text = new int[label.length];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < label.length; i++) {
            LabelledText r = data.rows().get(i);
            label[i] = DerogationTrainer.label(r);
            min = Math.min(min, label[i]);
            max = Math.max(max, label[i]);
            Integer t = index.get(r.id());
            if (t == null) {
                t = texts.size();
                index.put(r.id(), t);
                texts.add(r.text());
            }
            text[i] = t;
        }
        if (texts.size() < 2) {
            throw new InvalidInputException(data.inputs().isEmpty() ? "<input>" : data.inputs().get(0), 0,
                    "need at least two rated texts to train on, got " + texts.size());
        }
        boolean rescale = min < 0 || max > 1;
        int n = texts.size();
        Head everyone = new Head(null, null, new double[n], new int[n]);
        Map<String, Head> heads = new TreeMap<>(Comparator.naturalOrder());
        for (int i = 0; i < label.length; i++) {
            double v = rescale ? (label[i] - min) / (max - min) : label[i];
            add(everyone, text[i], v);
            List<String> g = data.rows().get(i).groups();
            for (int c = 0; c < columns.size(); c++) {
                String column = columns.get(c);
                String group = g.get(c);
                add(heads.computeIfAbsent(GroupHead.output(column, group), k -> new Head(column, group, new double[n], new int[n])), text[i], v);
            }
        }
        return new GroupRatings(columns, new ArrayList<>(index.keySet()), texts, everyone, new ArrayList<>(heads.values()),
                rescale ? min : 0, rescale ? max : 1);
    }

    private static void add(Head h, int t, double v) {
        h.sum()[t] += v;
        h.count()[t]++;
    }
}
