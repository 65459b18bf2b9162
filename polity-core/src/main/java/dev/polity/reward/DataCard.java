package dev.polity.reward;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.polity.stats.Quantile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an exported preference file is and where it came from, for people (Markdown) and programs (JSON), in the
 * spirit of datasheets for datasets (Gebru et al., 2021): the sources with their SHA-256, the model and the context
 * that re-labelled them, the filters, what was kept and dropped, the margins, and per group of raters how many pairs
 * there were, how many were kept, and how often the societal reward agreed with the human label.
 *
 * @param source   where the comparisons came from (files and hashes, or the store and its runs)
 * @param settings the model, combination, context, penalties, filters and format
 * @param counts   read, kept, re-labelled, and dropped by each filter
 * @param groups   per rater attribute, per value: {@code pairs}, {@code exported}, {@code relabelled}, {@code agreement}
 */
public record DataCard(String title, String created, String polity, Map<String, Object> source, Map<String, Object> settings,
                       Map<String, Object> counts, Map<String, Object> margin, Map<String, Map<String, Map<String, Object>>> groups) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The statistics of an export: every candidate (before the filters) and those kept, with the human pairs' rater
     * attributes when the comparisons came from people.
     */
    public static DataCard of(String title, String created, Map<String, Object> source, Map<String, Object> settings, List<PreferenceExport.Candidate> all,
                              List<PreferenceExport.Candidate> kept, PreferenceExport.Filters filters, Map<String, Object> extraCounts) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("candidates", all.size());
        counts.put("exported", kept.size());
        counts.put("relabelled", all.stream().filter(PreferenceExport.Candidate::flipped).count());
        counts.put("dropped_margin", all.stream().filter(c -> c.margin() < filters.minMargin()).count());
        counts.put("dropped_verdict", all.stream().filter(c -> c.margin() >= filters.minMargin() && !PreferenceExport.keep(c, filters)).count());
        counts.put("exported_rejected_violates", kept.stream().filter(c -> c.rejectedViolations() > 0).count());
        counts.put("exported_chosen_violates", kept.stream().filter(c -> c.chosenViolations() > 0).count());
        counts.putAll(extraCounts);
        double[] m = kept.stream().mapToDouble(PreferenceExport.Candidate::margin).sorted().toArray();
        Map<String, Object> margin = new LinkedHashMap<>();
        margin.put("min", m.length == 0 ? null : round(m[0]));
        margin.put("median", m.length == 0 ? null : round(Quantile.ofSorted(m, 0.5)));
        margin.put("max", m.length == 0 ? null : round(m[m.length - 1]));
        Map<String, Map<String, Map<String, Object>>> groups = new TreeMap<>();
        for (PreferenceExport.Candidate c : all) {
            boolean k = PreferenceExport.keep(c, filters);
            c.attributes().forEach((attribute, value) -> {
                Map<String, Object> g = groups.computeIfAbsent(attribute, a -> new TreeMap<>()).computeIfAbsent(value, v -> new LinkedHashMap<>());
                g.merge("pairs", 1, (a, b) -> (Integer) a + (Integer) b);
                g.merge("exported", k ? 1 : 0, (a, b) -> (Integer) a + (Integer) b);
                g.merge("relabelled", c.flipped() ? 1 : 0, (a, b) -> (Integer) a + (Integer) b);
            });
        }
        groups.values().forEach(byValue -> byValue.values().forEach(g -> {
            g.putIfAbsent("exported", 0);
            g.putIfAbsent("relabelled", 0);
            g.put("agreement", round(1 - (double) (Integer) g.get("relabelled") / (Integer) g.get("pairs")));
        }));
        return new DataCard(title, created, dev.polity.judge.learn.Versions.polity(), source, settings, counts, margin, groups);
    }

    static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }

    public String json() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title).append("\n\n");
        b.append("Made by ").append(polity).append(" on ").append(created).append(". TRL preference format (`prompt`, `chosen`, `rejected`).\n\n");
        b.append("## Source\n\n");
        source.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        b.append("\n## How it was labelled and filtered\n\n");
        settings.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        b.append("\n## Counts\n\n| what | pairs |\n|---|---|\n");
        counts.forEach((k, v) -> b.append("| ").append(k.replace('_', ' ')).append(" | ").append(v).append(" |\n"));
        b.append("\nMargins (reward of the chosen answer minus the rejected one's) of the exported pairs: min ").append(margin.get("min"))
                .append(", median ").append(margin.get("median")).append(", max ").append(margin.get("max")).append(".\n");
        if (!groups.isEmpty()) {
            b.append("\n## Per group of raters\n\n")
                    .append("Agreement: the share of a group's pairs whose human label the societal reward kept.\n\n")
                    .append("| attribute | group | pairs | exported | relabelled | agreement |\n|---|---|---|---|---|---|\n");
            groups.forEach((attribute, byValue) -> byValue.forEach((value, g) -> b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n",
                    attribute, value, g.get("pairs"), g.get("exported"), g.get("relabelled"), g.get("agreement")))));
        }
        return b.toString();
    }
}
