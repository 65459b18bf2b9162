package dev.polity.store;

/** An API key as stored (never the key itself): its public id, its tenant and its role; {@code revoked} when it no longer works. */
public record ApiKey(String id, String tenant, String role, boolean revoked) {
}
