package dev.polity.judge.learn;

/** The Polity version recorded in provenance. */
public final class Versions {
    private Versions() {
    }

    public static String polity() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return "polity " + (v == null ? "0.1.0-SNAPSHOT" : v);
    }
}
