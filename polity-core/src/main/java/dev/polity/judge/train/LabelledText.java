package dev.polity.judge.train;

import java.util.List;

/**
 * One labelled training text and where it was read, so that a bad label can be reported by file and line;
 * {@code groups} holds the rater's value in each group column asked for ({@code --groups}), in that order.
 */
public record LabelledText(String file, int line, String id, String prompt, String text, String label, List<String> groups) {
    public LabelledText {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public LabelledText(String file, int line, String id, String prompt, String text, String label) {
        this(file, line, id, prompt, text, label, List.of());
    }

    /** The files {@code rows} came from, in order, for a message about all of them: {@code a.csv, b.csv}. */
    static String files(List<LabelledText> rows) {
        return String.join(", ", rows.stream().map(LabelledText::file).distinct().toList());
    }
}
