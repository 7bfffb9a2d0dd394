package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/pressly/goose/v3"
)

// ScoreCounts are what the Decision 766 scorecard is computed from, for
// one unit and period. Counts over dossiers received in the period and
// counts over dossiers decided in it are kept apart, as the indicators
// use one or the other.
type ScoreCounts struct {
	// Of the dossiers received in the period (not those refused at receipt):
	Received  int `json:"received"`
	Synced    int `json:"synced"`    // the portal holds them as they stand
	Digitized int `json:"digitized"` // at least one component has an electronic copy
	Reused    int `json:"reused"`    // at least one component reused a digitized document
	// Open ones, for the forecast: overdue already, or still in time.
	OpenOverdue int `json:"open_overdue"`
	OpenInTime  int `json:"open_in_time"`
	// Of the dossiers decided in the period:
	Decided    int `json:"decided"`
	OnTime     int `json:"on_time"` // by the original appointment, and asked to supplement at most once
	Online     int `json:"online"`  // filed online, and a returned result went back electronically
	WithFee    int `json:"with_fee"`
	PaidOnline int `json:"paid_online"`
	Returned   int `json:"returned"`
	Electronic int `json:"electronic_results"` // returned with a digitized result
}

// Add sums counts, for a unit and the units under it.
func (c *ScoreCounts) Add(o ScoreCounts) {
	c.Received += o.Received
	c.Synced += o.Synced
	c.Digitized += o.Digitized
	c.Reused += o.Reused
	c.OpenOverdue += o.OpenOverdue
	c.OpenInTime += o.OpenInTime
	c.Decided += o.Decided
	c.OnTime += o.OnTime
	c.Online += o.Online
	c.WithFee += o.WithFee
	c.PaidOnline += o.PaidOnline
	c.Returned += o.Returned
	c.Electronic += o.Electronic
}

// ScoreCountsByUnit counts, per unit that received or decided dossiers in
// [from, to), what the scorecard needs; now decides which open dossiers
// are overdue. agencies, when not nil, keeps those units only.
func (s *Store) ScoreCountsByUnit(ctx context.Context, from, to, now time.Time, agencies []string) (map[string]ScoreCounts, error) {
	if !aligned(from) || !aligned(to) {
		return s.scannedScoreCounts(ctx, from, to, now, agencies)
	}
	sums, err := s.rolled(ctx, from, to, Filter{Agencies: agencies})
	if err != nil {
		return nil, err
	}
	out := map[string]ScoreCounts{}
	for k, v := range sums {
		if v[mReceived] == 0 && v[mResolved] == 0 {
			continue
		}
		c := out[k.agency]
		c.Add(ScoreCounts{Received: int(v[mReceived]), Synced: int(v[mSynced]), Digitized: int(v[mInputsDigitized]),
			Reused: int(v[mReused]), Decided: int(v[mTimed]), OnTime: int(v[mOnTime766]), Online: int(v[mOnline766]),
			WithFee: int(v[mWithFee]), PaidOnline: int(v[mPaidOnlineDecided]), Returned: int(v[mReturned]),
			Electronic: int(v[mElectronic])})
		out[k.agency] = c
	}
	// Open dossiers depend on now: they are few, and counted as they are.
	args := []any{from.UnixMilli(), to.UnixMilli(), now.UnixMilli()}
	where, args := inUnits(args, "agency", agencies)
	// SQLite, without statistics, would rather walk the decided index
	// and read every undecided dossier's row; its own partial index
	// holds all the query needs.
	table := "dossiers"
	if s.dialect == goose.DialectSQLite3 {
		table = "dossiers INDEXED BY dossiers_undecided"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT agency,
			SUM(CASE WHEN due IS NOT NULL AND due < $3 THEN 1 ELSE 0 END),
			SUM(CASE WHEN due IS NULL OR due >= $3 THEN 1 ELSE 0 END)
		FROM `+table+` WHERE decided IS NULL AND outcome = '' AND received >= $1 AND received < $2`+where+`
		GROUP BY agency`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a string
		var overdue, inTime int
		if err := rows.Scan(&a, &overdue, &inTime); err != nil {
			return nil, err
		}
		c := out[a]
		c.OpenOverdue, c.OpenInTime = overdue, inTime
		out[a] = c
	}
	return out, rows.Err()
}

// scannedScoreCounts counts the dossiers themselves, for a period that
// does not fall on whole days.
func (s *Store) scannedScoreCounts(ctx context.Context, from, to, now time.Time, agencies []string) (map[string]ScoreCounts, error) {
	args := []any{from.UnixMilli(), to.UnixMilli(), now.UnixMilli()}
	where, args := inUnits(args, "d.agency", agencies)
	const rec = `d.received >= $1 AND d.received < $2`
	const dec = `d.decided >= $1 AND d.decided < $2`
	rows, err := s.db.QueryContext(ctx, `SELECT d.agency,
		SUM(CASE WHEN `+rec+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+rec+` AND EXISTS (SELECT 1 FROM portal_outbox o WHERE o.dossier = d.code AND o.state = 'sent')
			AND NOT EXISTS (SELECT 1 FROM portal_outbox o WHERE o.dossier = d.code AND o.state = 'pending') THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+rec+` AND EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier = d.code
			AND f.how IN ('uploaded', 'scanned', 'reused')) THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+rec+` AND EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier = d.code AND f.how = 'reused') THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+rec+` AND d.decided IS NULL AND d.outcome = '' AND d.due IS NOT NULL AND d.due < $3 THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+rec+` AND d.decided IS NULL AND d.outcome = '' AND (d.due IS NULL OR d.due >= $3) THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+dec+` AND d.on_time IS NOT NULL THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+dec+` AND d.on_time = 1 AND d.supplements <= 1 THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+dec+` AND d.on_time IS NOT NULL AND d.channel = 'online'
			AND NOT (d.outcome = 'returned' AND d.result_via NOT IN ('online', 'postal')) THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+dec+` AND d.on_time IS NOT NULL AND d.fee > 0 THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+dec+` AND d.on_time IS NOT NULL AND d.fee > 0 AND d.paid_online = 1 THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+dec+` AND d.outcome = 'returned' THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+dec+` AND d.outcome = 'returned' AND d.result_digitized = 1 THEN 1 ELSE 0 END)
		FROM dossiers d
		WHERE d.outcome <> 'not_received' AND ((`+rec+`) OR (`+dec+`))`+where+`
		GROUP BY d.agency`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]ScoreCounts{}
	for rows.Next() {
		var a string
		var c ScoreCounts
		if err := rows.Scan(&a, &c.Received, &c.Synced, &c.Digitized, &c.Reused, &c.OpenOverdue, &c.OpenInTime,
			&c.Decided, &c.OnTime, &c.Online, &c.WithFee, &c.PaidOnline, &c.Returned, &c.Electronic); err != nil {
			return nil, err
		}
		out[a] = c
	}
	return out, rows.Err()
}

// AtRisk is a dossier costing its unit points now, with why.
type AtRisk struct {
	Code    string    `json:"code"`
	Agency  string    `json:"agency"`
	Stage   string    `json:"stage"`
	Due     time.Time `json:"due,omitzero"`
	Reasons []string  `json:"reasons" doc:"late, second_supplement, not_synced, result_not_digitized"`

	received int64
}

// AtRisk lists the dossiers of the period that cost points now: late
// (decided late, or open past its appointment), asked to supplement more
// than once, not synced with the national portal, or returned without a
// digitized result. It takes the newest up to limit, those received in
// the period and then those decided in it that were received in the
// quarter before, and lists them with the most reasons first, then the
// oldest.
func (s *Store) AtRisk(ctx context.Context, from, to, now time.Time, agencies []string, limit int) ([]AtRisk, error) {
	// Each query walks an index from the newest down and stops at limit:
	// a year is never read whole.
	byReceipt, err := s.atRisk(ctx, `d.received >= $1 AND d.received < $2`, `d.received DESC, d.code DESC`, from, to, now, agencies, limit)
	if err != nil {
		return nil, err
	}
	// Dossiers decided in the period were received at most a few months
	// before it: a quarter back is looked at, newest first.
	byDecision, err := s.atRisk(ctx, `d.received >= $1 - 7776000000 AND d.received < $1 AND d.decided >= $1 AND d.decided < $2`,
		`d.received DESC, d.code DESC`, from, to, now, agencies, limit)
	if err != nil {
		return nil, err
	}
	out := append(byReceipt, byDecision...)
	if len(out) > limit {
		out = out[:limit]
	}
	// Shown with the most reasons first, then the oldest.
	slices.SortStableFunc(out, func(a, b AtRisk) int {
		return cmp.Or(cmp.Compare(len(b.Reasons), len(a.Reasons)), cmp.Compare(a.received, b.received), cmp.Compare(a.Code, b.Code))
	})
	return out, nil
}

func (s *Store) atRisk(ctx context.Context, period, order string, from, to, now time.Time, agencies []string, limit int) ([]AtRisk, error) {
	args := []any{from.UnixMilli(), to.UnixMilli(), now.UnixMilli()}
	where, args := inUnits(args, "d.agency", agencies)
	args = append(args, limit)
	const (
		late        = `(d.on_time = 0 OR (d.decided IS NULL AND d.outcome = '' AND d.due < $3))`
		supp        = `d.supplements > 1`
		unsynced    = `EXISTS (SELECT 1 FROM portal_outbox o WHERE o.dossier = d.code AND o.state = 'pending')`
		undigitized = `(d.outcome = 'returned' AND d.result_digitized = 0)`
	)
	rows, err := s.db.QueryContext(ctx, `SELECT d.code, d.agency, d.stage, d.due, d.received,
			CASE WHEN `+late+` THEN 1 ELSE 0 END, CASE WHEN `+supp+` THEN 1 ELSE 0 END,
			CASE WHEN `+unsynced+` THEN 1 ELSE 0 END, CASE WHEN `+undigitized+` THEN 1 ELSE 0 END
		FROM dossiers d
		WHERE `+period+` AND d.outcome <> 'not_received'`+where+`
			AND (`+late+` OR `+supp+` OR `+unsynced+` OR `+undigitized+`)
		ORDER BY `+order+` LIMIT $`+fmt.Sprint(len(args)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []AtRisk{}
	for rows.Next() {
		var r AtRisk
		var due *int64
		var received int64
		var late, supp, unsynced, undigitized int
		if err := rows.Scan(&r.Code, &r.Agency, &r.Stage, &due, &received, &late, &supp, &unsynced, &undigitized); err != nil {
			return nil, err
		}
		if due != nil {
			r.Due = time.UnixMilli(*due).UTC()
		}
		for _, x := range []struct {
			on   int
			name string
		}{{late, "late"}, {supp, "second_supplement"}, {unsynced, "not_synced"}, {undigitized, "result_not_digitized"}} {
			if x.on == 1 {
				r.Reasons = append(r.Reasons, x.name)
			}
		}
		r.received = received
		out = append(out, r)
	}
	return out, rows.Err()
}
