/**
 * Judging: the {@link dev.polity.judge.Detector} SPI, the built-in detectors, the
 * {@link dev.polity.judge.Ensemble} that combines a norm's checks into one verdict, and verdicts with
 * their uncertainty. Uses {@code norms}; sentence embeddings are in {@code judge.embed}, reading answers as
 * text in the users' languages (language, sentences, lexicons) in {@code judge.text}, fitted models and
 * features in {@code judge.learn}, training in {@code judge.train}, real-data checks (XSTest, POPQUORN, the
 * norm development set) in {@code judge.check}. The in-process norm judge is {@link dev.polity.judge.NormJudge}.
 *
 * <p>A new detector is one class implementing {@link dev.polity.judge.Detector} with a {@code static final
 * PluginInfo INFO}, and one line in {@link dev.polity.judge.Detectors#REGISTRY}.
 */
package dev.polity.judge;
