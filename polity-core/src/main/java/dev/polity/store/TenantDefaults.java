package dev.polity.store;

/** A tenant's context defaults, as {@code polity keys create --jurisdiction --domain} set them; null where not set. */
public record TenantDefaults(String id, String jurisdiction, String domain, String audience) {
}
