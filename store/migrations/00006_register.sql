-- Each unit's register of the papers it issues (sổ theo dõi hồ sơ): a
-- number per unit, year and kind of paper, given once to each paper, so
-- that a reprint and a retried write carry the same number.

-- +goose Up
CREATE TABLE register (
    unit    TEXT    NOT NULL,
    year    INTEGER NOT NULL,
    kind    TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    dossier TEXT    NOT NULL,
    number  INTEGER NOT NULL, -- the paper's number within its dossier
    PRIMARY KEY (unit, year, kind, seq),
    UNIQUE (dossier, kind, number)
);

-- +goose Down
DROP TABLE register;
