-- Polity store, schema version 2: the guardrail gateway's audit log, API keys, tenants and review queue.
-- The same SQL runs on SQLite and PostgreSQL.

-- Append-only and hash-chained: each row's hash covers its fields and the previous row's hash, so an
-- edited, deleted, inserted or reordered row breaks the chain (polity audit verify). Ids are given in
-- order by the writer (the last id plus one, under a write lock), so the chain is the order of the key.
CREATE TABLE IF NOT EXISTS audit_log (
    id         BIGINT PRIMARY KEY,
    time       TEXT NOT NULL,
    tenant     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    action     TEXT NOT NULL,
    record     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS audit_log_by_time ON audit_log (time);

-- Only the SHA-256 of a key is stored; the key itself is shown once when it is made.
CREATE TABLE IF NOT EXISTS api_keys (
    id       TEXT PRIMARY KEY,
    hash     TEXT NOT NULL UNIQUE,
    tenant   TEXT NOT NULL,
    role     TEXT NOT NULL,
    created  TEXT NOT NULL,
    revoked  TEXT
);

CREATE TABLE IF NOT EXISTS tenants (
    id            TEXT PRIMARY KEY,
    jurisdiction  TEXT,
    domain        TEXT,
    audience      TEXT,
    updated       TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS reviews (
    id            TEXT PRIMARY KEY,
    created       TEXT NOT NULL,
    tenant        TEXT NOT NULL,
    context       TEXT NOT NULL,
    constitution  TEXT NOT NULL,
    action        TEXT NOT NULL,
    fail_mode     TEXT,
    norms         TEXT NOT NULL,
    prompt        TEXT NOT NULL,
    answer        TEXT NOT NULL,
    audit_id      BIGINT,
    status        TEXT NOT NULL,
    claimed_by    TEXT,
    claimed_at    TEXT,
    resolution    TEXT,
    note          TEXT,
    resolved_by   TEXT,
    resolved_at   TEXT
);

CREATE INDEX IF NOT EXISTS reviews_by_status ON reviews (status, created);
