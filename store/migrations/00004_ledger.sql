-- The payments table becomes a ledger of money, not of messages: every
-- payment a gateway or a counter reports is kept with its state, applied
-- to its dossier or not and why, and what became of money not applied.
-- A transaction ID is unique per source (a gateway, or one agency's
-- counter), no longer across all of them.

-- +goose Up
CREATE TABLE ledger (
    source      TEXT    NOT NULL, -- the gateway's name, or counter:<agency>
    tx_id       TEXT    NOT NULL, -- the gateway's transaction, or the receipt number
    dossier     TEXT    NOT NULL,
    online      INTEGER NOT NULL,
    amount      BIGINT  NOT NULL,
    success     INTEGER NOT NULL,
    gateway_ref TEXT    NOT NULL DEFAULT '',
    at          BIGINT  NOT NULL,
    -- failed (no money moved), received (money in, not yet decided),
    -- applied (the dossier took it), refund_pending, refunded.
    state       TEXT    NOT NULL,
    -- why money was not applied: duplicate, wrong_amount, too_early,
    -- after_closure, unknown_dossier; or the dossier's outcome when it
    -- was applied and then refunded.
    reason      TEXT    NOT NULL DEFAULT '',
    refund_ref  TEXT    NOT NULL DEFAULT '',
    updated     BIGINT  NOT NULL,
    PRIMARY KEY (source, tx_id)
);
INSERT INTO ledger (source, tx_id, dossier, online, amount, success, gateway_ref, at, state, updated)
    SELECT CASE WHEN p.online = 1 THEN 'gateway' ELSE 'counter:' || COALESCE(d.agency, '') END,
           p.tx_id, p.dossier, p.online, p.amount, p.success, p.gateway_ref, p.at,
           CASE WHEN p.success = 1 THEN 'applied' ELSE 'failed' END, p.at
    FROM payments p LEFT JOIN dossiers d ON d.code = p.dossier;
UPDATE ledger SET state = 'refunded',
    refund_ref = (SELECT MIN(r.reference) FROM refunds r WHERE r.dossier = ledger.dossier AND r.tx_id = ledger.tx_id)
    WHERE state = 'applied'
      AND EXISTS (SELECT 1 FROM refunds r WHERE r.dossier = ledger.dossier AND r.tx_id = ledger.tx_id);
DROP TABLE payments;
ALTER TABLE ledger RENAME TO payments;
CREATE INDEX payments_dossier ON payments (dossier);
-- The finance office's lists: money not applied, and what is still owed back.
CREATE INDEX payments_state ON payments (state, updated);

-- Reconciliation's findings, kept for supervisors: the latest run's.
CREATE TABLE findings (
    run     BIGINT NOT NULL,
    dossier TEXT   NOT NULL DEFAULT '',
    kind    TEXT   NOT NULL,
    detail  TEXT   NOT NULL,
    repaired TEXT  NOT NULL DEFAULT ''
);
CREATE INDEX findings_run ON findings (run);

-- Who uploaded each file: a citizen may file only their own uploads, an
-- officer or a portal their own or the applicant's.
CREATE TABLE uploads (
    file     TEXT   NOT NULL,
    uploader TEXT   NOT NULL, -- the caller's subject
    citizen  TEXT   NOT NULL DEFAULT '', -- the citizen's ID number, when a citizen uploaded it
    at       BIGINT NOT NULL,
    PRIMARY KEY (file, uploader)
);
CREATE INDEX uploads_citizen ON uploads (file, citizen);

-- +goose Down
DROP TABLE uploads;
DROP TABLE findings;
CREATE TABLE ledger_old (
    tx_id       TEXT PRIMARY KEY,
    dossier     TEXT    NOT NULL,
    online      INTEGER NOT NULL,
    amount      BIGINT  NOT NULL,
    success     INTEGER NOT NULL,
    gateway_ref TEXT    NOT NULL DEFAULT '',
    at          BIGINT  NOT NULL
);
INSERT INTO ledger_old SELECT tx_id, MIN(dossier), MIN(online), MIN(amount), MAX(success), MIN(gateway_ref), MIN(at)
    FROM payments GROUP BY tx_id;
DROP TABLE payments;
ALTER TABLE ledger_old RENAME TO payments;
CREATE INDEX payments_dossier ON payments (dossier);
