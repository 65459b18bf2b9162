package dev.polity.eval;

/** An applicable norm that was not judged, and why (e.g. it lists no checks). */
record SkippedNorm(String normId, String reason) {
}
