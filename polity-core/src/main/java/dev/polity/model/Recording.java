package dev.polity.model;

/** One recorded answer in a transcript file, with the line it starts on. {@code id} may be null. */
record Recording(String id, String prompt, String answer, String model, int line) {
}
