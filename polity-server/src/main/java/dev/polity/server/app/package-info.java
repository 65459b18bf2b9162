/**
 * The participation web app, served beside the gateway by {@code polity serve} ({@link dev.polity.server.app.WebApp},
 * docs/APP.md): participants' pages under {@code /d/} ({@code ParticipantPages}), organisers' under {@code /organise}
 * ({@code OrganiserPages}, operator keys sign in at {@code /signin}), the sessions with their CSRF tokens and rate
 * limits, the message bundles (English, German, French) and the results, which come from
 * {@code dev.polity.deliberation} through {@link dev.polity.server.app.Results}. Templates are jte files in
 * {@code src/main/jte}, precompiled. HTTP only: the deliberations live in {@code dev.polity.store}, every
 * result and promotion comes from core. Uses the gateway's room ({@code dev.polity.server}) for its store, its
 * key check and its rate limiter.
 */
package dev.polity.server.app;
