/**
 * Deliberation as in Polis: the participant x statement vote matrix, PCA with missing votes, opinion groups
 * (k-means, k by silhouette), representativeness, group-informed consensus, Community-Notes bridging, and
 * the promotion of broadly supported statements to a constitution layer. Uses {@code input} and
 * {@code stats}; only {@link dev.polity.deliberation.Promotion} speaks of norms.
 */
package dev.polity.deliberation;
