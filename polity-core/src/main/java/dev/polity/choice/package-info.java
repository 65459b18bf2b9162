/**
 * Social choice: profiles of ranked ballots, pairwise comparisons and ratings; voting rules with
 * deterministic tie-breaking; Bradley-Terry and Plackett-Luce fits; welfare over groups and fairness
 * diagnostics. Algorithms are pure functions over immutable inputs; parsing is at the edges.
 */
package dev.polity.choice;
