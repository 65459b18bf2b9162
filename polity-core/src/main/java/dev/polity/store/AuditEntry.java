package dev.polity.store;

/**
 * One record for the audit log, before the log gives it its id and its place in the chain.
 *
 * @param time   when it happened (ISO-8601 UTC with milliseconds, as the log writes it)
 * @param tenant whose request it was ({@code -} for the server's own records, such as a reload)
 * @param kind   {@code decision}, {@code review}, {@code reload}, ...
 * @param action the action taken ({@code allow}, ..., or what the kind needs)
 * @param record the rest as canonical JSON (sorted keys); hashed exactly as written
 */
public record AuditEntry(String time, String tenant, String kind, String action, String record) {
}
