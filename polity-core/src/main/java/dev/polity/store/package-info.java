/**
 * Persistence: the {@link dev.polity.store.RunStore} keeps evaluation runs, every answer (stored before it is
 * judged), the request cache and verdicts, in SQLite by default or PostgreSQL for shared servers, with
 * versioned migrations; and the {@link dev.polity.store.GatewayStore} of the guardrail gateway (the
 * hash-chained audit log, hashed API keys, tenants, the review queue), and the {@link dev.polity.store.DeliberationStore} of the participation web app (deliberations,
 * statements and their moderation, participants, votes), read back as the deliberation engine's conversation.
 * Knows nothing of norms; uses {@code input}, the answer types of {@code model} and the conversation of
 * {@code deliberation}.
 */
package dev.polity.store;
