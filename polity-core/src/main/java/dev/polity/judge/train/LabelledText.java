package dev.polity.judge.train;

/** One labelled training text and where it was read, so that a bad label can be reported by file and line. */
public record LabelledText(String file, int line, String id, String prompt, String text, String label) {
}
