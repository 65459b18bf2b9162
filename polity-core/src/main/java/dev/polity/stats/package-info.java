/**
 * Statistics every room shares, one function per concept, each citing its definition: rank correlations
 * (Spearman, Kendall tau-b), sample quantiles and the seeded percentile bootstrap. Pure functions over arrays;
 * uses no other Polity package, so every package may use it.
 */
package dev.polity.stats;
