/**
 * HTTP only: the OpenAI-compatible guardrail gateway ({@link dev.polity.server.Gateway}). Routes parse,
 * authenticate, call {@code dev.polity.guard} for every decision and {@code dev.polity.store} for the audit
 * log, keys and reviews, and answer in OpenAI's shapes; they add no rules of their own. Pages served beside the
 * gateway (the web app in {@code server.app}, the dashboard in {@code server.dashboard}) plug in as
 * {@link dev.polity.server.Gateway.Room}s; this room uses neither.
 */
package dev.polity.server;
