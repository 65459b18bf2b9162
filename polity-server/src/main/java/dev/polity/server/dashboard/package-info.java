/**
 * The operators' dashboard ({@link dev.polity.server.dashboard.Dashboard}): evaluation runs with their reports,
 * the applicable norms of the constitution in force for a context, the gateway's activity, the review queue
 * and the audit chain's verification. Every figure comes from core ({@code eval}, {@code report},
 * {@code norms}, {@code store}); sign-in and rendering are the web app's ({@code dev.polity.server.app}).
 */
package dev.polity.server.dashboard;
