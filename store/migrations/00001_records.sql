-- The records that outlive workflows. One schema for SQLite and PostgreSQL:
-- instants are Unix milliseconds (BIGINT), flags are 0 or 1 (INTEGER), so
-- that both engines compare and index them alike.

-- +goose Up
CREATE TABLE dossiers (
    code              TEXT PRIMARY KEY,
    procedure_code    TEXT    NOT NULL,
    procedure_version INTEGER NOT NULL DEFAULT 0,
    procedure_hash    TEXT    NOT NULL DEFAULT '',
    agency            TEXT    NOT NULL,
    level             TEXT    NOT NULL DEFAULT '',
    channel           TEXT    NOT NULL,
    assisted_by       TEXT    NOT NULL DEFAULT '',
    applicant         TEXT    NOT NULL,
    stage             TEXT    NOT NULL,
    outcome           TEXT    NOT NULL DEFAULT '',
    received          BIGINT  NOT NULL,
    due               BIGINT,
    original_due      BIGINT,
    decided           BIGINT,
    returned          BIGINT,
    fee               BIGINT  NOT NULL DEFAULT 0,
    paid_online       INTEGER NOT NULL DEFAULT 0,
    result_digitized  INTEGER NOT NULL DEFAULT 0,
    on_time           INTEGER,
    -- open is 1 while the clock can still run out: neither closed nor
    -- waiting on the citizen. The overdue list reads only open dossiers.
    open              INTEGER NOT NULL DEFAULT 1,
    -- seq is the last timeline event applied, so that a retried write of
    -- an older milestone never overwrites a newer one.
    seq               INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dossiers_open_due ON dossiers (open, due);
CREATE INDEX dossiers_received ON dossiers (received, code);
CREATE INDEX dossiers_agency_received ON dossiers (agency, received, code);
CREATE INDEX dossiers_applicant_received ON dossiers (applicant, received, code);

CREATE TABLE timeline (
    dossier TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    at      BIGINT  NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    detail  TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (dossier, seq)
);

CREATE TABLE documents (
    id         TEXT PRIMARY KEY,
    owner      TEXT   NOT NULL,
    kind       TEXT   NOT NULL,
    sha256     TEXT   NOT NULL,
    ref        TEXT   NOT NULL,
    media      TEXT   NOT NULL,
    size       BIGINT NOT NULL,
    valid_from BIGINT NOT NULL,
    valid_to   BIGINT
);
CREATE INDEX documents_owner ON documents (owner, kind);

CREATE TABLE document_reuses (
    document  TEXT NOT NULL,
    dossier   TEXT NOT NULL,
    component TEXT NOT NULL,
    PRIMARY KEY (document, dossier, component)
);

CREATE TABLE payments (
    tx_id       TEXT PRIMARY KEY,
    dossier     TEXT    NOT NULL,
    online      INTEGER NOT NULL,
    amount      BIGINT  NOT NULL,
    success     INTEGER NOT NULL,
    gateway_ref TEXT    NOT NULL DEFAULT '',
    at          BIGINT  NOT NULL
);
CREATE INDEX payments_dossier ON payments (dossier);

CREATE TABLE idempotency_keys (
    scope     TEXT   NOT NULL,
    key       TEXT   NOT NULL,
    body_hash TEXT   NOT NULL,
    dossier   TEXT   NOT NULL,
    -- done is 0 while the first request is in flight.
    done      INTEGER NOT NULL DEFAULT 0,
    response  TEXT   NOT NULL DEFAULT '',
    -- claimed is when the request now holding the key took it; 0 frees
    -- the key for the next retry at once.
    claimed   BIGINT NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE notices (
    key       TEXT PRIMARY KEY,
    dossier   TEXT   NOT NULL,
    recipient TEXT   NOT NULL,
    kind      TEXT   NOT NULL,
    text      TEXT   NOT NULL,
    at        BIGINT NOT NULL
);
CREATE INDEX notices_dossier ON notices (dossier);

-- +goose Down
DROP TABLE notices;
DROP TABLE idempotency_keys;
DROP TABLE payments;
DROP TABLE document_reuses;
DROP TABLE documents;
DROP TABLE timeline;
DROP TABLE dossiers;
