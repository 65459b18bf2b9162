/**
 * Training the judge's models from labelled data (refusal classes, derogation scores) into the versioned
 * model files of {@code judge.learn}, with cross-validated figures in their provenance. Uses {@code judge},
 * {@code judge.learn}, {@code judge.embed}, {@code input} and {@code stats}.
 */
package dev.polity.judge.train;
