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

-- The overdue and due-soon lists read only dossiers whose clock runs, a
-- few percent of all: partial indexes hold just those, in the lists' order
-- (due, then code), for all units and for each filter the lists take, so
-- that a page is read from the front of an index.
DROP INDEX dossiers_open_due;
CREATE INDEX dossiers_late ON dossiers (due, code) WHERE open = 1;
CREATE INDEX dossiers_late_agency ON dossiers (agency, due, code) WHERE open = 1;
CREATE INDEX dossiers_late_level ON dossiers (level, due, code) WHERE open = 1;
CREATE INDEX dossiers_late_procedure ON dossiers (procedure_code, due, code) WHERE open = 1;

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
DROP INDEX dossiers_late_procedure;
DROP INDEX dossiers_late_level;
DROP INDEX dossiers_late_agency;
DROP INDEX dossiers_late;
CREATE INDEX dossiers_open_due ON dossiers (open, due);
DROP INDEX dossiers_report_decided;
DROP INDEX dossiers_report_received;
