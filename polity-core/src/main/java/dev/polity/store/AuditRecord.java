package dev.polity.store;

/** A row of the audit log as stored: its id (its place in the chain), its fields, and the two hashes. */
public record AuditRecord(long id, String time, String tenant, String kind, String action, String record, String prevHash, String hash) {
}
