/**
 * Fitted models and their features: standardisation, ridge and softmax regression, a shared model with a
 * head per group of raters shrunk towards it ({@link dev.polity.judge.learn.GroupHeads}: squared loss for
 * ratings, logistic for pairwise comparisons, so the reward's Bradley-Terry group heads use it too),
 * lexical features, folds, and the versioned {@link dev.polity.judge.learn.JudgeModel} file with its
 * provenance and group heads. What a detector runs and a trainer fits; uses {@code judge.embed},
 * {@code input} and {@code stats}.
 */
package dev.polity.judge.learn;
