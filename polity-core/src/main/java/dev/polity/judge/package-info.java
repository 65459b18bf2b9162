/**
 * Judging: the {@link dev.polity.judge.Detector} SPI, the built-in detectors, the
 * {@link dev.polity.judge.Ensemble} that combines a norm's checks into one verdict, and verdicts with
 * their uncertainty. Uses {@code norms}; sentence embeddings are in {@code judge.embed}, fitted models and
 * features in {@code judge.learn}, training in {@code judge.train}, real-data checks in {@code judge.check}.
 *
 * <p>A new detector is one class implementing {@link dev.polity.judge.Detector} with a {@code static final
 * PluginInfo INFO}, and one line in {@link dev.polity.judge.Detectors#REGISTRY}.
 */
package dev.polity.judge;
