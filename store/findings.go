package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/motcua/motcua/model"
)

// Finding is one problem reconciliation found between the store and the
// workflows, or in the ledger, and what was done about it.
type Finding struct {
	Dossier  string `json:"dossier,omitempty"`
	Kind     string `json:"kind" doc:"Such as no_workflow, workflow_ended, stage_mismatch, payment_undecided, refund_not_started."`
	Detail   string `json:"detail"`
	Repaired string `json:"repaired,omitempty" doc:"What was done about it; empty when it is left for a person."`
}

// SaveFindings keeps a reconciliation run's findings; supervisors see the
// latest run's.
func (s *Store) SaveFindings(ctx context.Context, run time.Time, fs []Finding) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// One row marks the run itself, so that a clean run is seen as one.
	if _, err := tx.ExecContext(ctx, `INSERT INTO findings (run, kind, detail) VALUES ($1, 'run', '')`, run.UnixMilli()); err != nil {
		return err
	}
	for _, f := range fs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO findings (run, dossier, kind, detail, repaired) VALUES ($1, $2, $3, $4, $5)`,
			run.UnixMilli(), f.Dossier, f.Kind, f.Detail, f.Repaired); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM findings WHERE run < $1`, run.Add(-30*24*time.Hour).UnixMilli()); err != nil {
		return err
	}
	return tx.Commit()
}

// Findings returns the latest run's findings and when it ran; a zero time
// when reconciliation never ran.
func (s *Store) Findings(ctx context.Context) (time.Time, []Finding, error) {
	var run sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(run) FROM findings`).Scan(&run); err != nil || !run.Valid {
		return time.Time{}, []Finding{}, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT dossier, kind, detail, repaired FROM findings WHERE run = $1 AND kind <> 'run'
		ORDER BY kind, dossier`, run.Int64)
	if err != nil {
		return time.Time{}, nil, err
	}
	defer rows.Close()
	out := []Finding{}
	for rows.Next() {
		var f Finding
		if err := rows.Scan(&f.Dossier, &f.Kind, &f.Detail, &f.Repaired); err != nil {
			return time.Time{}, nil, err
		}
		out = append(out, f)
	}
	return instant(run), out, rows.Err()
}

// OpenDossiers pages through the dossiers the store holds open, by code.
func (s *Store) OpenDossiers(ctx context.Context, after string, limit int) ([]model.Projection, error) {
	return s.dossiers(ctx, `SELECT `+dossierColumns+` FROM dossiers WHERE stage <> 'closed' AND code > $1
		ORDER BY code LIMIT $2`, after, limit)
}

// ErrNotOpen is a dossier reconciliation was asked to close that is not
// open in the store.
var ErrNotOpen = errors.New("the dossier is not open")

// CloseOrphan closes a dossier that has no workflow to carry it, with the
// reason on its timeline and a notice to its applicant: visibly closed,
// never silently dropped.
func (s *Store) CloseOrphan(ctx context.Context, code, reason, notice string, at time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var seq int
	var applicant string
	err = tx.QueryRowContext(ctx, `SELECT seq, applicant FROM dossiers WHERE code = $1 AND stage <> 'closed'`, code).Scan(&seq, &applicant)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("dossier %s: %w", code, ErrNotOpen)
	}
	if err != nil {
		return err
	}
	seq = max(seq, 0) + 1
	before, err := readFacts(ctx, tx, code)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE dossiers SET stage = 'closed', outcome = 'not_received', open = 0, seq = $1
		WHERE code = $2`, seq, code); err != nil {
		return err
	}
	if err := moveRollups(ctx, tx, code, before); err != nil {
		return err
	}
	// A timeline entry beyond any the workflow could still write: seq
	// grows from the record's, and a workflow never wrote past it.
	if _, err := tx.ExecContext(ctx, `INSERT INTO timeline (dossier, seq, at, actor, action, detail)
		VALUES ($1, $2, $3, 'reconcile', 'not_received', $4) ON CONFLICT (dossier, seq) DO NOTHING`,
		code, seq, at.UnixMilli(), reason); err != nil {
		return err
	}
	if err := notify(ctx, tx, model.Notice{Key: code + "/closed_by_reconcile", Dossier: code, To: applicant,
		Kind: "closed_not_received", Text: notice}, at); err != nil {
		return err
	}
	return tx.Commit()
}

// CountPayments counts the ledger's lines.
func (s *Store) CountPayments(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM payments`).Scan(&n)
	return n, err
}
