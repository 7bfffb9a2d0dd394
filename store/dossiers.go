package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
)

// Stages in which the legal clock cannot run out: the dossier is closed,
// decided, or waiting on the citizen. They mirror the workflow's stages by
// name, since the projection carries stages as text.
var clockStopped = map[string]bool{"closed": true, "ready_to_return": true, "awaiting_supplement": true}

// Record upserts the projection and appends the event, once. A retried
// write of the same event changes nothing, and an older milestone that
// arrives late never overwrites a newer one. A write of the same sequence
// number with other content replaces the first: the first came from a
// workflow task that Temporal discarded, and the dossier, running the task
// again, did otherwise. It is the activities' Store.
func (s *Store) Record(ctx context.Context, m model.Milestone) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	before, err := readFacts(ctx, tx, m.Dossier.Code)
	if err != nil {
		return err
	}
	newest, err := upsertDossier(ctx, tx, m.Dossier, m.Event.Seq)
	if err != nil {
		return err
	}
	e := m.Event
	if _, err := tx.ExecContext(ctx, `INSERT INTO timeline (dossier, seq, at, actor, action, detail)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dossier, seq) DO UPDATE SET at = excluded.at,
			actor = excluded.actor, action = excluded.action, detail = excluded.detail`,
		m.Dossier.Code, e.Seq, e.At.UnixMilli(), e.Actor, e.Action, e.Detail); err != nil {
		return fmt.Errorf("store: timeline of %s: %w", m.Dossier.Code, err)
	}
	if err := recordFiles(ctx, tx, m.Dossier.Code, e.Seq, m.Files); err != nil {
		return err
	}
	if err := recordMoney(ctx, tx, m.Dossier, e.At, m.Payments, m.Refunds); err != nil {
		return err
	}
	if newest {
		if err := undoGhosts(ctx, tx, m.Dossier.Code, m.Payments); err != nil {
			return err
		}
	}
	if err := recordPaper(ctx, tx, m.Dossier.Code, m.Paper); err != nil {
		return err
	}
	if m.Publish != nil {
		if err := putDocument(ctx, tx, *m.Publish); err != nil {
			return err
		}
	}
	for _, n := range m.Notices {
		if err := notify(ctx, tx, n, e.At); err != nil {
			return err
		}
	}
	if err := queueForPortal(ctx, tx, m); err != nil {
		return err
	}
	if err := moveRollups(ctx, tx, m.Dossier.Code, before); err != nil {
		return err
	}
	return tx.Commit()
}

func upsertDossier(ctx context.Context, tx *sql.Tx, p model.Projection, seq int) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO dossiers (`+writtenColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
		ON CONFLICT (code) DO UPDATE SET procedure_code = excluded.procedure_code,
			procedure_version = excluded.procedure_version, procedure_hash = excluded.procedure_hash,
			agency = excluded.agency, level = excluded.level, channel = excluded.channel,
			assisted_by = excluded.assisted_by, applicant = excluded.applicant, stage = excluded.stage,
			outcome = excluded.outcome, received = excluded.received, due = excluded.due,
			original_due = excluded.original_due, decided = excluded.decided, returned = excluded.returned,
			fee = excluded.fee, paid_online = excluded.paid_online, result_digitized = excluded.result_digitized,
			on_time = excluded.on_time, open = excluded.open, seq = excluded.seq,
			result_via = excluded.result_via, full_online = excluded.full_online, supplements = excluded.supplements
		WHERE dossiers.seq <= excluded.seq`, dossierRow(p, seq)...)
	if err != nil {
		return false, fmt.Errorf("store: dossier %s: %w", p.Code, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// writtenColumns are the columns a write sets, in the order of dossierRow.
const writtenColumns = `code, procedure_code, procedure_version, procedure_hash,
		agency, level, channel, assisted_by, applicant, stage, outcome, received, due, original_due, decided,
		returned, fee, paid_online, result_digitized, on_time, open, seq, result_via, full_online, supplements`

// rowWidth is how many values dossierRow gives.
const rowWidth = 25

// writtenColumnList is writtenColumns one name to an element.
var writtenColumnList = strings.FieldsFunc(writtenColumns, func(r rune) bool {
	return r == ',' || r == ' ' || r == '\n' || r == '\t'
})

// dossierRow is a projection as the values of writtenColumns.
func dossierRow(p model.Projection, seq int) []any {
	var onTime sql.NullInt64
	if p.OnTime != nil {
		onTime = sql.NullInt64{Int64: int64(flag(*p.OnTime)), Valid: true}
	}
	return []any{p.Code, p.Procedure.Code, p.Procedure.Version, p.Procedure.Hash, p.Agency, string(p.Level),
		string(p.Channel), p.AssistedBy, p.Applicant, p.Stage, p.Outcome, p.Received.UnixMilli(),
		millis(p.Due), millis(p.OriginalDue), millis(p.Decided), millis(p.Returned), int64(p.Fee),
		flag(p.PaidOnline), flag(p.ResultDigitized), onTime, flag(!clockStopped[p.Stage]), seq, p.ResultVia, flag(p.FullOnline()), p.Supplements}
}

const dossierColumns = `code, procedure_code, procedure_version, procedure_hash, agency, level, channel,
	assisted_by, applicant, stage, outcome, received, due, original_due, decided, returned, fee,
	paid_online, result_digitized, on_time, result_via, supplements`

type scanner interface{ Scan(...any) error }

func scanDossier(r scanner) (model.Projection, error) {
	var (
		p                                   model.Projection
		level, channel                      string
		received                            int64
		due, originalDue, decided, returned sql.NullInt64
		onTime                              sql.NullInt64
		fee                                 int64
		paidOnline, resultDigitized         int
	)
	err := r.Scan(&p.Code, &p.Procedure.Code, &p.Procedure.Version, &p.Procedure.Hash, &p.Agency, &level,
		&channel, &p.AssistedBy, &p.Applicant, &p.Stage, &p.Outcome, &received, &due, &originalDue, &decided,
		&returned, &fee, &paidOnline, &resultDigitized, &onTime, &p.ResultVia, &p.Supplements)
	if err != nil {
		return p, err
	}
	p.Level, p.Channel = procedures.Level(level), procedures.Channel(channel)
	p.Received = instant(sql.NullInt64{Int64: received, Valid: true})
	p.Due, p.OriginalDue, p.Decided, p.Returned = instant(due), instant(originalDue), instant(decided), instant(returned)
	p.Fee, p.PaidOnline, p.ResultDigitized = money.VND(fee), paidOnline == 1, resultDigitized == 1
	if onTime.Valid {
		b := onTime.Int64 == 1
		p.OnTime = &b
	}
	return p, nil
}

// Dossier returns the record of one dossier.
func (s *Store) Dossier(ctx context.Context, code string) (model.Projection, error) {
	p, err := scanDossier(s.db.QueryRowContext(ctx, `SELECT `+dossierColumns+` FROM dossiers WHERE code = $1`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("dossier %s: %w", code, ErrNotFound)
	}
	return p, err
}

// Timeline returns a dossier's events in order.
func (s *Store) Timeline(ctx context.Context, code string) ([]model.Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, at, actor, action, detail FROM timeline
		WHERE dossier = $1 ORDER BY seq`, code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.Event{}
	for rows.Next() {
		var e model.Event
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Detail); err != nil {
			return nil, err
		}
		e.At = instant(sql.NullInt64{Int64: at, Valid: true})
		out = append(out, e)
	}
	return out, rows.Err()
}
