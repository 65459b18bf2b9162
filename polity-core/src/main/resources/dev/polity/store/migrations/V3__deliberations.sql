-- Polity store, schema version 3: deliberations of the participation web app (issue 14).
-- The same SQL runs on SQLite and PostgreSQL.

-- One deliberation: its question, whether anyone with the link may join (open) or only those with the
-- invite token, its close date and status, and the attribute questions participants may answer (JSON).
CREATE TABLE IF NOT EXISTS deliberations (
    id            TEXT PRIMARY KEY,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    open          INTEGER NOT NULL,
    invite_token  TEXT NOT NULL UNIQUE,
    closes        TEXT,
    status        TEXT NOT NULL,
    questions     TEXT NOT NULL,
    created       TEXT NOT NULL,
    closed        TEXT
);

-- Statements, numbered per deliberation; seed statements have no author. A participant's statement waits
-- for moderation (pending), then is accepted or rejected with the moderator's reason. Meta statements
-- (Polis's is-meta) stay in the record but out of the analysis.
CREATE TABLE IF NOT EXISTS statements (
    deliberation  TEXT NOT NULL REFERENCES deliberations (id),
    id            BIGINT NOT NULL,
    text          TEXT NOT NULL,
    author        BIGINT,
    state         TEXT NOT NULL,
    meta          INTEGER NOT NULL,
    reason        TEXT,
    moderated_by  TEXT,
    moderated_at  TEXT,
    created       TEXT NOT NULL,
    PRIMARY KEY (deliberation, id)
);

-- A participant is a number in the deliberation and, optionally, the answers to its attribute questions
-- (JSON); nothing else about a person is kept.
CREATE TABLE IF NOT EXISTS participants (
    deliberation  TEXT NOT NULL REFERENCES deliberations (id),
    id            BIGINT NOT NULL,
    attributes    TEXT NOT NULL,
    created       TEXT NOT NULL,
    PRIMARY KEY (deliberation, id)
);

-- One row per participant and statement: a second vote replaces the first, a repeated submit changes nothing.
CREATE TABLE IF NOT EXISTS votes (
    deliberation  TEXT NOT NULL,
    participant   BIGINT NOT NULL,
    statement     BIGINT NOT NULL,
    vote          INTEGER NOT NULL,
    time          TEXT NOT NULL,
    PRIMARY KEY (deliberation, participant, statement)
);

CREATE INDEX IF NOT EXISTS votes_by_statement ON votes (deliberation, statement);
