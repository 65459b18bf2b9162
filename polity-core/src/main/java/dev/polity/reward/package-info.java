/**
 * Societal reward: Bradley-Terry preference heads on frozen in-process features (one for everyone, or a shared
 * head plus shrunk group heads), the groups combined by a welfare function, minus penalties for the norms the
 * guard finds violated in a context (the highest tier lexicographic), every reward with its decomposition; the
 * readers of pairwise preference data, the OpenRLHF reward protocol, and the TRL-style preference export with its
 * data card. Uses {@code input}, {@code stats}, {@code norms}, {@code choice} (welfare, group weights),
 * {@code judge} and its embeddings and learners, {@code guard} (per-context judging) and {@code store} (judged
 * evaluation runs).
 */
package dev.polity.reward;
