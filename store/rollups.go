package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/motcua/motcua/model"
)

// The rollups: every count the rates and the scorecard read, kept per
// day and per month for each level, unit and procedure version, so that a
// year's report adds up thousands of rows, not a million dossiers. Each
// dossier contributes to the day it was received and the day it was
// decided; every write that changes what it contributes moves the
// contribution in its own transaction.

// rollMeasures are the rollups' columns, in order.
var rollMeasures = []string{"received", "online", "fee_bearing", "paid_online", "synced", "inputs_digitized", "reused",
	"resolved", "digitized", "on_time", "full_online", "timed", "on_time_766", "online_766", "with_fee",
	"paid_online_decided", "returned", "electronic"}

// The index of each measure in a vector.
const (
	mReceived = iota
	mOnline
	mFeeBearing
	mPaidOnline
	mSynced
	mInputsDigitized
	mReused
	mResolved
	mDigitized
	mOnTime
	mFullOnline
	mTimed
	mOnTime766
	mOnline766
	mWithFee
	mPaidOnlineDecided
	mReturned
	mElectronic
	nMeasures
)

type vector [nMeasures]int64

// rollKey is a day, a unit and a procedure version; a period's sums
// leave the day zero.
type rollKey struct {
	day           int64
	level, agency string
	proc          string
	version       int
}

// dayOf is the day of an instant in Vietnam's time, counted from 1970.
func dayOf(millis int64) int64 { return (millis + 7*3600*1000) / 86_400_000 }

// monthOfDay is the month of a day, as year × 12 + month − 1.
func monthOfDay(day int64) int64 {
	t := time.Unix(day*86400, 0).UTC()
	return int64(t.Year())*12 + int64(t.Month()) - 1
}

// facts are what a dossier's contributions are made of.
type facts struct {
	exists                          bool
	level, agency, proc             string
	version                         int
	channel, outcome, resultVia     string
	received, decided, fee          int64
	paidOnline, resultDigitized     bool
	onTime                          sql.NullInt64
	fullOnline                      bool
	supplements                     int
	synced, inputsDigitized, reused bool
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// readFacts reads a dossier's facts as they stand in the transaction.
func readFacts(ctx context.Context, q queryer, code string) (facts, error) {
	var f facts
	var decided sql.NullInt64
	var paid, digitized, full int
	err := q.QueryRowContext(ctx, `SELECT d.level, d.agency, d.procedure_code, d.procedure_version, d.channel, d.outcome,
			d.result_via, d.received, d.decided, d.fee, d.paid_online, d.result_digitized, d.on_time, d.full_online, d.supplements,
			EXISTS (SELECT 1 FROM portal_outbox o WHERE o.dossier = d.code AND o.state = 'sent')
				AND NOT EXISTS (SELECT 1 FROM portal_outbox o WHERE o.dossier = d.code AND o.state = 'pending'),
			EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier = d.code AND f.how IN ('uploaded', 'scanned', 'reused')),
			EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier = d.code AND f.how = 'reused')
		FROM dossiers d WHERE d.code = $1`, code).Scan(&f.level, &f.agency, &f.proc, &f.version, &f.channel, &f.outcome,
		&f.resultVia, &f.received, &decided, &f.fee, &paid, &digitized, &f.onTime, &full, &f.supplements,
		&f.synced, &f.inputsDigitized, &f.reused)
	if errors.Is(err, sql.ErrNoRows) {
		return facts{}, nil
	}
	if err != nil {
		return f, fmt.Errorf("store: the facts of %s: %w", code, err)
	}
	f.exists, f.decided = true, decided.Int64
	f.paidOnline, f.resultDigitized, f.fullOnline = paid == 1, digitized == 1, full == 1
	return f, nil
}

// factsOf are the facts of a projection with no files and nothing sent
// to the portal: a dossier imported from an earlier system.
func factsOf(p model.Projection) facts {
	f := facts{exists: true, level: string(p.Level), agency: p.Agency, proc: p.Procedure.Code, version: p.Procedure.Version,
		channel: string(p.Channel), outcome: p.Outcome, resultVia: p.ResultVia, received: p.Received.UnixMilli(),
		fee: int64(p.Fee), paidOnline: p.PaidOnline, resultDigitized: p.ResultDigitized, fullOnline: p.FullOnline(),
		supplements: p.Supplements}
	if !p.Decided.IsZero() {
		f.decided = p.Decided.UnixMilli()
	}
	if p.OnTime != nil {
		f.onTime = sql.NullInt64{Int64: int64(flag(*p.OnTime)), Valid: true}
	}
	return f
}

func one(b bool) int64 { return int64(flag(b)) }

// contributions are what a dossier adds to the rollups: the counts of the
// day it was received, and of the day it was decided. They say in Go what
// Counts and ScoreCountsByUnit said in SQL over the dossiers.
func contributions(f facts, add func(rollKey, vector)) {
	if !f.exists {
		return
	}
	key := func(millis int64) rollKey {
		return rollKey{day: dayOf(millis), level: f.level, agency: f.agency, proc: f.proc, version: f.version}
	}
	counted := f.outcome != string(model.NotReceived)
	if counted {
		var v vector
		v[mReceived] = 1
		v[mOnline] = one(f.channel == "online")
		v[mFeeBearing] = one(f.fee > 0)
		v[mPaidOnline] = one(f.fee > 0 && f.paidOnline)
		v[mSynced] = one(f.synced)
		v[mInputsDigitized] = one(f.inputsDigitized)
		v[mReused] = one(f.reused)
		add(key(f.received), v)
	}
	if f.decided != 0 {
		var v vector
		v[mResolved] = 1
		v[mDigitized] = one(f.resultDigitized)
		v[mOnTime] = one(f.onTime.Valid && f.onTime.Int64 == 1)
		v[mFullOnline] = one(f.fullOnline)
		timed := counted && f.onTime.Valid
		v[mTimed] = one(timed)
		v[mOnTime766] = one(counted && f.onTime.Valid && f.onTime.Int64 == 1 && f.supplements <= 1)
		v[mOnline766] = one(timed && f.channel == "online" &&
			!(f.outcome == string(model.Returned) && f.resultVia != "online" && f.resultVia != "postal"))
		v[mWithFee] = one(timed && f.fee > 0)
		v[mPaidOnlineDecided] = one(timed && f.fee > 0 && f.paidOnline)
		v[mReturned] = one(counted && f.outcome == string(model.Returned))
		v[mElectronic] = one(counted && f.outcome == string(model.Returned) && f.resultDigitized)
		add(key(f.decided), v)
	}
}

// deltas gathers changes to the rollups before they are written.
type deltas map[rollKey]*vector

func (d deltas) add(k rollKey, v vector, sign int64) {
	cur := d[k]
	if cur == nil {
		cur = &vector{}
		d[k] = cur
	}
	for i := range v {
		cur[i] += sign * v[i]
	}
}

// move records a dossier's change from before to after.
func (d deltas) move(before, after facts) {
	contributions(before, func(k rollKey, v vector) { d.add(k, v, -1) })
	contributions(after, func(k rollKey, v vector) { d.add(k, v, 1) })
}

// preparer is a transaction: the rollups are written in the transaction
// of the writes that moved them.
type preparer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

var (
	rollColumns = strings.Join(rollMeasures, ", ")
	rollMarks   = func() string {
		var b strings.Builder
		for i := range rollMeasures {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "$%d", i+6)
		}
		return b.String()
	}()
	rollAdd = func() string {
		var b strings.Builder
		for i, m := range rollMeasures {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s = %%[1]s.%s + excluded.%s", m, m, m)
		}
		return b.String()
	}()
)

// write applies the gathered changes to both rollups: each day's, and
// each month's added up first, so that a month is written once.
func (d deltas) write(ctx context.Context, db preparer) error {
	months := map[rollKey]*vector{}
	for k, v := range d {
		m := k
		m.day = monthOfDay(k.day)
		cur := months[m]
		if cur == nil {
			cur = &vector{}
			months[m] = cur
		}
		for i := range v {
			cur[i] += v[i]
		}
	}
	if err := upsertRolls(ctx, db, "daily_counts", "day", d); err != nil {
		return err
	}
	return upsertRolls(ctx, db, "monthly_counts", "month", months)
}

func upsertRolls(ctx context.Context, db preparer, table, period string, rows map[rollKey]*vector) error {
	if len(rows) == 0 {
		return nil
	}
	// Prepared once for all the keys: an import writes thousands.
	stmt, err := db.PrepareContext(ctx, fmt.Sprintf(`INSERT INTO %s (%s, level, agency, procedure_code, procedure_version, %s) VALUES ($1, $2, $3, $4, $5, %s)
		ON CONFLICT (%s, level, agency, procedure_code, procedure_version) DO UPDATE SET `+fmt.Sprintf(rollAdd, table),
		table, period, rollColumns, rollMarks, period))
	if err != nil {
		return fmt.Errorf("store: rollups: %w", err)
	}
	defer stmt.Close()
	args := make([]any, 0, 5+nMeasures)
	for k, v := range rows {
		if *v == (vector{}) {
			continue
		}
		args = append(args[:0], k.day, k.level, k.agency, k.proc, k.version)
		for _, n := range v {
			args = append(args, n)
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("store: rollups: %w", err)
		}
	}
	return nil
}

// moveRollups moves a dossier's contributions from what its facts were
// before the transaction's writes to what they are now.
func moveRollups(ctx context.Context, tx *sql.Tx, code string, before facts) error {
	after, err := readFacts(ctx, tx, code)
	if err != nil {
		return err
	}
	d := deltas{}
	d.move(before, after)
	return d.write(ctx, tx)
}

// RebuildRollups computes the rollups again from the dossiers, replacing
// what they held; tests compare it with what the writes kept.
func (s *Store) RebuildRollups(ctx context.Context) error { return s.rebuild(ctx, false) }

// fillRollups rebuilds the rollups of a database that has dossiers and no
// rollups: one recorded before rollups were kept.
func (s *Store) fillRollups(ctx context.Context) error { return s.rebuild(ctx, true) }

func (s *Store) rebuild(ctx context.Context, onlyIfEmpty bool) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.dialect == goose.DialectPostgres {
		// Replicas start together: one fills, the others wait and find
		// the rollups filled; writes wait too, and then move what they
		// change on top of the filled counts.
		if _, err := tx.ExecContext(ctx, `LOCK TABLE daily_counts, monthly_counts IN EXCLUSIVE MODE`); err != nil {
			return err
		}
	}
	if onlyIfEmpty {
		var dossiers, rolled bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM dossiers), EXISTS (SELECT 1 FROM daily_counts)`).
			Scan(&dossiers, &rolled); err != nil {
			return err
		}
		if !dossiers || rolled {
			return nil
		}
	}
	for _, t := range []string{"daily_counts", "monthly_counts"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
			return err
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT code FROM dossiers`)
	if err != nil {
		return err
	}
	var codes []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		codes = append(codes, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	d := deltas{}
	for _, c := range codes {
		f, err := readFacts(ctx, tx, c)
		if err != nil {
			return err
		}
		d.move(facts{}, f)
		if len(d) > 50_000 {
			if err := d.write(ctx, tx); err != nil {
				return err
			}
			d = deltas{}
		}
	}
	if err := d.write(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// aligned reports whether an instant is midnight in Vietnam: periods of
// whole days are read from the rollups.
func aligned(t time.Time) bool {
	return t.UnixMilli()%1000 == 0 && (t.Unix()+7*3600)%86400 == 0
}

// rolled adds up the rollups over [from, to), both midnight in Vietnam,
// per unit and procedure version, for the units the filter keeps: whole
// months from the monthly rollup, the days around them from the daily.
func (s *Store) rolled(ctx context.Context, from, to time.Time, f Filter) (map[rollKey]vector, error) {
	d1, d2 := dayOf(from.UnixMilli()), dayOf(to.UnixMilli())
	// The first and last whole months inside the period.
	m1, m2 := monthOfDay(d1), monthOfDay(d2)
	if firstDay(m1) != d1 {
		m1++
	}
	type part struct {
		table, col string
		lo, hi     int64
	}
	var parts []part
	if m1 < m2 {
		parts = append(parts, part{"monthly_counts", "month", m1, m2},
			part{"daily_counts", "day", d1, firstDay(m1)}, part{"daily_counts", "day", firstDay(m2), d2})
	} else {
		parts = append(parts, part{"daily_counts", "day", d1, d2})
	}
	f.Stage, f.Applicant, f.From, f.To = "", "", time.Time{}, time.Time{}
	out := map[rollKey]vector{}
	sums := make([]string, len(rollMeasures))
	for i, m := range rollMeasures {
		sums[i] = "SUM(" + m + ")"
	}
	for _, p := range parts {
		if p.lo >= p.hi {
			continue
		}
		conds, args := f.where([]string{p.col + " >= $1", p.col + " < $2"}, []any{p.lo, p.hi})
		q := `SELECT level, agency, procedure_code, procedure_version, ` + strings.Join(sums, ", ") + ` FROM ` + p.table +
			` WHERE ` + strings.Join(conds, " AND ") + ` GROUP BY level, agency, procedure_code, procedure_version`
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("store: rollups: %w", err)
		}
		for rows.Next() {
			var k rollKey // a period's sum: no day
			var v vector
			dest := []any{&k.level, &k.agency, &k.proc, &k.version}
			for i := range v {
				dest = append(dest, &v[i])
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: rollups: %w", err)
			}
			cur := out[k]
			for i := range v {
				cur[i] += v[i]
			}
			out[k] = cur
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// firstDay is the first day of a month, counted from 1970.
func firstDay(month int64) int64 {
	t := time.Date(int(month/12), time.Month(month%12+1), 1, 0, 0, 0, 0, time.UTC)
	return t.Unix() / 86400
}
