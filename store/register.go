package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Register gives a paper its number in its unit's register for the year:
// the next one for a paper not yet numbered, the same one for a paper
// numbered before, so that a retried milestone prints the same number.
// Two papers numbered at once by two writers cannot share a number: the
// second write fails on the key and is tried again with the next: of
// writers racing, one wins each round.
func (s *Store) Register(ctx context.Context, unit string, year int, kind, dossier string, number int) (int, error) {
	for attempt := 0; ; attempt++ {
		seq, err := s.register(ctx, unit, year, kind, dossier, number)
		if err == nil || attempt == 100 || ctx.Err() != nil {
			return seq, err
		}
	}
}

func (s *Store) register(ctx context.Context, unit string, year int, kind, dossier string, number int) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var seq int
	err = tx.QueryRowContext(ctx, `SELECT seq FROM register WHERE dossier = $1 AND kind = $2 AND number = $3`,
		dossier, kind, number).Scan(&seq)
	if err == nil {
		return seq, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: register: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM register WHERE unit = $1 AND year = $2 AND kind = $3`,
		unit, year, kind).Scan(&seq); err != nil {
		return 0, fmt.Errorf("store: register: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO register (unit, year, kind, seq, dossier, number) VALUES ($1, $2, $3, $4, $5, $6)`,
		unit, year, kind, seq, dossier, number); err != nil {
		return 0, fmt.Errorf("store: register: %w", err)
	}
	return seq, tx.Commit()
}
