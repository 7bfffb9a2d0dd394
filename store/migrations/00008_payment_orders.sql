-- Payments opened at the national payment platform, one per reference
-- motcua gave it: the callback names the reference, and the scheduled
-- reconciliation asks the platform about those still pending.

-- +goose Up
CREATE TABLE payment_orders (
    reference  TEXT PRIMARY KEY,
    dossier    TEXT    NOT NULL,
    amount     BIGINT  NOT NULL,
    opened_at  BIGINT  NOT NULL,
    -- pending, paid or failed
    state      TEXT    NOT NULL DEFAULT 'pending',
    tx_id      TEXT    NOT NULL DEFAULT '',
    queried_at BIGINT  NOT NULL DEFAULT 0,
    settled_at BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX payment_orders_pending ON payment_orders (opened_at) WHERE state = 'pending';
CREATE INDEX payment_orders_dossier ON payment_orders (dossier, opened_at);

-- +goose Down
DROP TABLE payment_orders;
