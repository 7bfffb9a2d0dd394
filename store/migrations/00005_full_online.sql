-- How the result went back to the applicant, and whether the dossier was
-- handled online from filing to result (toàn trình): kept per dossier, so
-- that the full-online rate is counted from an index like the others.

-- +goose Up
ALTER TABLE dossiers ADD COLUMN result_via TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN full_online INTEGER NOT NULL DEFAULT 0;
DROP INDEX dossiers_report_decided;
CREATE INDEX dossiers_report_decided ON dossiers (decided, level, agency, procedure_code,
    procedure_version, result_digitized, on_time, full_online);

-- +goose Down
DROP INDEX dossiers_report_decided;
CREATE INDEX dossiers_report_decided ON dossiers (decided, level, agency, procedure_code,
    procedure_version, result_digitized, on_time);
ALTER TABLE dossiers DROP COLUMN full_online;
ALTER TABLE dossiers DROP COLUMN result_via;
