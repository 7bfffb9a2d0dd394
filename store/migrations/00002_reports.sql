-- Indexes for the supervisors' reports: rates are counted over dossiers
-- received in a period and over dossiers decided in it. The received index
-- carries every column the count reads, so that a month of a million-row
-- table is counted from the index alone.

-- +goose Up
CREATE INDEX dossiers_report_received ON dossiers (received, level, agency, procedure_code,
    procedure_version, channel, fee, paid_online, outcome);
CREATE INDEX dossiers_report_decided ON dossiers (decided, level, agency, procedure_code,
    procedure_version, result_digitized, on_time);

-- +goose Down
DROP INDEX dossiers_report_decided;
DROP INDEX dossiers_report_received;
