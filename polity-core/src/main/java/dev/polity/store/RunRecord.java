package dev.polity.store;

import java.time.Instant;
import java.util.List;

/** A run read back: its provenance, every stored answer (in item order) and every verdict. */
public record RunRecord(String id, Instant created, Provenance provenance, List<StoredAnswer> answers,
                        List<StoredVerdict> verdicts) {
}
