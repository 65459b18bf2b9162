package dev.polity.judge.check;

/**
 * Told how far a real-data check has come, in texts judged or embedded, so that a caller can draw a
 * progress bar. The total is known only once the check has read its data, hence it comes with every call.
 */
@FunctionalInterface
public interface CheckProgress {
    CheckProgress NONE = (stage, done, total) -> { };

    void update(String stage, long done, long total);
}
