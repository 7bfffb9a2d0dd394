package store

import (
	"context"
	"time"
)

// Form06Counts are the columns of Biểu số 06/VPCP/KSTT for one unit and
// one procedure over a period.
type Form06Counts struct {
	// Received in the period, of which online and in person or by post,
	// and those carried over from before it, still open when it began.
	Received, Online, Offline, CarriedOver int
	// Resolved in the period: early (more than a day before the
	// appointment), on time, late.
	Resolved, Early, OnTime, Late int
	// Still in progress at the period's end: within the deadline, overdue.
	InProgress, InTime, Overdue int
}

// Add sums counts.
func (c *Form06Counts) Add(o Form06Counts) {
	c.Received += o.Received
	c.Online += o.Online
	c.Offline += o.Offline
	c.CarriedOver += o.CarriedOver
	c.Resolved += o.Resolved
	c.Early += o.Early
	c.OnTime += o.OnTime
	c.Late += o.Late
	c.InProgress += o.InProgress
	c.InTime += o.InTime
	c.Overdue += o.Overdue
}

// Form06Key is a unit and a procedure.
type Form06Key struct{ Agency, Procedure string }

// Form06 counts Biểu 06's columns over [from, to) per unit and procedure.
// Resolved dossiers are those decided in the period, as in the
// scorecard, so that the two reconcile; a dossier decided on time counts
// as early when it was decided more than a day before its appointment.
func (s *Store) Form06(ctx context.Context, from, to time.Time, agencies []string) (map[Form06Key]Form06Counts, error) {
	args := []any{from.UnixMilli(), to.UnixMilli(), int64(24 * time.Hour / time.Millisecond)}
	where, args := inUnits(args, "d.agency", agencies)
	const rec = `d.received >= $1 AND d.received < $2`
	const dec = `d.decided >= $1 AND d.decided < $2 AND d.on_time IS NOT NULL`
	const open = `d.received < $2 AND ((d.decided IS NULL AND d.outcome = '') OR d.decided >= $2)`
	rows, err := s.db.QueryContext(ctx, `SELECT d.agency, d.procedure_code,
		SUM(CASE WHEN `+rec+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+rec+` AND d.channel = 'online' THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+rec+` AND d.channel <> 'online' THEN 1 ELSE 0 END),
		SUM(CASE WHEN d.received < $1 AND ((d.decided IS NULL AND d.outcome = '') OR d.decided >= $1) THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+dec+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+dec+` AND d.on_time = 1 AND d.decided < d.original_due - $3 THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+dec+` AND d.on_time = 1 AND NOT (d.decided < d.original_due - $3) THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+dec+` AND d.on_time = 0 THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+open+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+open+` AND (d.due IS NULL OR d.due >= $2) THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+open+` AND d.due < $2 THEN 1 ELSE 0 END)
		FROM dossiers d
		WHERE d.outcome <> 'not_received' AND d.received < $2
			AND (d.decided IS NULL OR d.decided >= $1 OR d.outcome = '')`+where+`
		GROUP BY d.agency, d.procedure_code`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[Form06Key]Form06Counts{}
	for rows.Next() {
		var k Form06Key
		var c Form06Counts
		if err := rows.Scan(&k.Agency, &k.Procedure, &c.Received, &c.Online, &c.Offline, &c.CarriedOver,
			&c.Resolved, &c.Early, &c.OnTime, &c.Late, &c.InProgress, &c.InTime, &c.Overdue); err != nil {
			return nil, err
		}
		out[k] = c
	}
	return out, rows.Err()
}
