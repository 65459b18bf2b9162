package dev.polity.judge.train;

import dev.polity.judge.Outcome;

/**
 * One labelled (context, prompt, answer, norm, verdict) item of a norm judge's training or development
 * set, with where it was read. {@code language} and {@code hardCase} are for reporting only, never features.
 */
public record NormItem(String file, int line, String id, String norm, String jurisdiction, String prompt, String answer,
                       Outcome verdict, String language, String hardCase) {
    public boolean violates() {
        return verdict == Outcome.VIOLATES;
    }
}
