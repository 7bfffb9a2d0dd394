-- What the national portal must still hear: every milestone is queued here
-- in the transaction that records it, and the sync delivers the queue in
-- order per dossier. A row stays after delivery, so that supervisors can
-- count what was synced against what was received (indicator 1.4).

-- +goose Up
CREATE TABLE portal_outbox (
    dossier    TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    at         BIGINT  NOT NULL,
    milestone  TEXT    NOT NULL, -- the milestone as recorded, JSON
    -- pending, sent, or skipped (an event that changes no status)
    state      TEXT    NOT NULL DEFAULT 'pending',
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT    NOT NULL DEFAULT '',
    next_at    BIGINT  NOT NULL DEFAULT 0,
    done_at    BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (dossier, seq)
);
CREATE INDEX portal_outbox_pending ON portal_outbox (next_at, dossier, seq) WHERE state = 'pending';
CREATE INDEX portal_outbox_pending_dossier ON portal_outbox (dossier, seq) WHERE state = 'pending';

-- +goose Down
DROP TABLE portal_outbox;
