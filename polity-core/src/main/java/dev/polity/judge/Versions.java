package dev.polity.judge;

/** The Polity version recorded in provenance. */
final class Versions {
    private Versions() {
    }

    static String polity() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return "polity " + (v == null ? "0.1.0-SNAPSHOT" : v);
    }
}
