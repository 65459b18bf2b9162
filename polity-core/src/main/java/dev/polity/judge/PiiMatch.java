package dev.polity.judge;

/** A piece of personal data found in a text: its kind, the text span and what it is (e.g. "US SSN"). */
public record PiiMatch(PiiKind kind, int start, int end, String value, String label) {
}
