-- How many times each dossier was asked to supplement: Decision 766
-- counts a dossier asked more than once as late, however it ended.

-- +goose Up
ALTER TABLE dossiers ADD COLUMN supplements INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE dossiers DROP COLUMN supplements;
