-- Indexes for the supervisors' reports, and the records that keep a
-- dossier whole after Temporal has let its workflow go: the files attached
-- to it and the refunds made.

-- +goose Up
-- Rates are counted over dossiers received in a period and over dossiers
-- decided in it. Each index carries every column its count reads, so that a
-- month of a million-row table is counted from the index alone.
CREATE INDEX dossiers_report_received ON dossiers (received, level, agency, procedure_code,
    procedure_version, channel, fee, paid_online, outcome);
CREATE INDEX dossiers_report_decided ON dossiers (decided, level, agency, procedure_code,
    procedure_version, result_digitized, on_time);

-- Every electronic copy ever attached, including one a supplement
-- replaced: the audit keeps both.
CREATE TABLE dossier_files (
    dossier     TEXT   NOT NULL,
    component   TEXT   NOT NULL,
    document    TEXT   NOT NULL,
    sha256      TEXT   NOT NULL DEFAULT '',
    media       TEXT   NOT NULL DEFAULT '',
    size        BIGINT NOT NULL DEFAULT 0,
    how         TEXT   NOT NULL,
    reused_from TEXT   NOT NULL DEFAULT '',
    seq         INTEGER NOT NULL,
    PRIMARY KEY (dossier, component, document)
);

-- Refunds, with the gateway's reference; payments are in payments.
CREATE TABLE refunds (
    dossier   TEXT    NOT NULL,
    reference TEXT    NOT NULL,
    tx_id     TEXT    NOT NULL DEFAULT '',
    online    INTEGER NOT NULL DEFAULT 0,
    amount    BIGINT  NOT NULL,
    at        BIGINT  NOT NULL,
    PRIMARY KEY (dossier, reference)
);

-- +goose Down
DROP TABLE refunds;
DROP TABLE dossier_files;
DROP INDEX dossiers_report_decided;
DROP INDEX dossiers_report_received;
