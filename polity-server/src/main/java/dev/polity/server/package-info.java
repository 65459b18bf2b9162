/**
 * HTTP only: the OpenAI-compatible guardrail gateway ({@link dev.polity.server.Gateway}). Routes parse,
 * authenticate, call {@code dev.polity.guard} for every decision and {@code dev.polity.store} for the audit
 * log, keys and reviews, and answer in OpenAI's shapes; they add no rules of their own.
 */
package dev.polity.server;
