package dev.polity.cli;

/** The trainable detectors, as named on the command line. */
enum DetectorKind {
    refusal,
    derogation,
    norm
}
