-- Polity store, schema version 1. The same SQL runs on SQLite (3.24+) and PostgreSQL (9.5+):
-- text keys instead of auto-increment columns, ISO-8601 text timestamps, JSON as text.

CREATE TABLE IF NOT EXISTS runs (
    id          TEXT PRIMARY KEY,
    created     TEXT NOT NULL,
    provenance  TEXT NOT NULL
);

-- What a run means to ask: one row per (case, context, probe), written when the run starts,
-- so a resumed run knows what is left without the suite file.
CREATE TABLE IF NOT EXISTS run_items (
    run_id        TEXT NOT NULL REFERENCES runs(id),
    case_id       TEXT NOT NULL,
    context       TEXT NOT NULL,
    probe         TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    request       TEXT NOT NULL,
    PRIMARY KEY (run_id, case_id, context, probe)
);

CREATE TABLE IF NOT EXISTS answers (
    id            TEXT PRIMARY KEY,
    run_id        TEXT NOT NULL REFERENCES runs(id),
    case_id       TEXT NOT NULL,
    context       TEXT NOT NULL,
    probe         TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    request       TEXT NOT NULL,
    answer_text   TEXT NOT NULL,
    metadata      TEXT NOT NULL,
    created       TEXT NOT NULL,
    UNIQUE (run_id, case_id, context, probe)
);

CREATE INDEX IF NOT EXISTS answers_by_request ON answers (request_hash);

-- Identical requests (same model, same conversation, same settings) across runs are answered from here.
CREATE TABLE IF NOT EXISTS answer_cache (
    request_hash  TEXT PRIMARY KEY,
    request       TEXT NOT NULL,
    answer_text   TEXT NOT NULL,
    metadata      TEXT NOT NULL,
    created       TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS verdicts (
    answer_id   TEXT NOT NULL REFERENCES answers(id),
    norm_id     TEXT NOT NULL,
    detector    TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL,
    evidence    TEXT,
    created     TEXT NOT NULL,
    PRIMARY KEY (answer_id, norm_id, detector)
);
