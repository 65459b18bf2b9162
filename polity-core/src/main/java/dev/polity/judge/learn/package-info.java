/**
 * Fitted models and their features: standardisation, ridge and softmax regression, lexical features, folds,
 * and the versioned {@link dev.polity.judge.learn.JudgeModel} file with its provenance. What a detector
 * runs and a trainer fits; uses {@code judge.embed}, {@code input} and {@code stats}.
 */
package dev.polity.judge.learn;
