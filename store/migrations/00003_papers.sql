-- The papers a dossier gave its citizen, as issued: the receipt slip and
-- each apology letter. They are kept as the PDF bytes handed over, so that
-- a reprint is the same paper even after the template changes.

-- +goose Up
CREATE TABLE papers (
    dossier TEXT    NOT NULL,
    kind    TEXT    NOT NULL, -- receipt or apology
    number  INTEGER NOT NULL, -- 1 for the receipt; the letter's number
    issued  BIGINT  NOT NULL,
    pdf     BYTEA   NOT NULL,
    PRIMARY KEY (dossier, kind, number)
);

-- +goose Down
DROP TABLE papers;
