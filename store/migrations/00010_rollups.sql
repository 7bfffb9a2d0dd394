-- What the reports and the scorecard read instead of the dossiers: each
-- dossier's contribution to every count, added up per day (in Vietnam's
-- time) and per month, per level, unit and procedure version. Every write
-- of a dossier moves its contributions, in the write's own transaction.
-- The store fills them from the dossiers the first time it opens a
-- database that has dossiers and no rollups.

-- +goose Up
CREATE TABLE daily_counts (
    day               INTEGER NOT NULL, -- days since 1970-01-01, Vietnam's time
    level             TEXT    NOT NULL,
    agency            TEXT    NOT NULL,
    procedure_code    TEXT    NOT NULL,
    procedure_version INTEGER NOT NULL,
    received BIGINT NOT NULL DEFAULT 0, online BIGINT NOT NULL DEFAULT 0, fee_bearing BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0, synced BIGINT NOT NULL DEFAULT 0, inputs_digitized BIGINT NOT NULL DEFAULT 0,
    reused BIGINT NOT NULL DEFAULT 0, resolved BIGINT NOT NULL DEFAULT 0, digitized BIGINT NOT NULL DEFAULT 0,
    on_time BIGINT NOT NULL DEFAULT 0, full_online BIGINT NOT NULL DEFAULT 0, timed BIGINT NOT NULL DEFAULT 0,
    on_time_766 BIGINT NOT NULL DEFAULT 0, online_766 BIGINT NOT NULL DEFAULT 0, with_fee BIGINT NOT NULL DEFAULT 0,
    paid_online_decided BIGINT NOT NULL DEFAULT 0, returned BIGINT NOT NULL DEFAULT 0, electronic BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, level, agency, procedure_code, procedure_version)
);
CREATE TABLE monthly_counts (
    month             INTEGER NOT NULL, -- year × 12 + month − 1
    level             TEXT    NOT NULL,
    agency            TEXT    NOT NULL,
    procedure_code    TEXT    NOT NULL,
    procedure_version INTEGER NOT NULL,
    received BIGINT NOT NULL DEFAULT 0, online BIGINT NOT NULL DEFAULT 0, fee_bearing BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0, synced BIGINT NOT NULL DEFAULT 0, inputs_digitized BIGINT NOT NULL DEFAULT 0,
    reused BIGINT NOT NULL DEFAULT 0, resolved BIGINT NOT NULL DEFAULT 0, digitized BIGINT NOT NULL DEFAULT 0,
    on_time BIGINT NOT NULL DEFAULT 0, full_online BIGINT NOT NULL DEFAULT 0, timed BIGINT NOT NULL DEFAULT 0,
    on_time_766 BIGINT NOT NULL DEFAULT 0, online_766 BIGINT NOT NULL DEFAULT 0, with_fee BIGINT NOT NULL DEFAULT 0,
    paid_online_decided BIGINT NOT NULL DEFAULT 0, returned BIGINT NOT NULL DEFAULT 0, electronic BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, level, agency, procedure_code, procedure_version)
);
-- The dossiers still undecided, for the scorecard's forecast: few, and
-- found without reading the decided ones.
CREATE INDEX dossiers_undecided ON dossiers (received, agency, due) WHERE decided IS NULL AND outcome = '';

-- +goose Down
DROP INDEX dossiers_undecided;
DROP TABLE monthly_counts;
DROP TABLE daily_counts;
