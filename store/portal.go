package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua/model"
)

// The states of a change queued for the national portal.
const (
	PortalPending = "pending"
	PortalSent    = "sent"
	PortalSkipped = "skipped" // an event that changes no status on the portal
)

// queueForPortal queues a milestone for the portal in the milestone's own
// transaction. A retried write of the same milestone leaves the queue as
// it is; a write of the same sequence number with other content (the
// first came from a discarded workflow task) is queued again, even if the
// first was sent, since the portal must hear what the record says.
func queueForPortal(ctx context.Context, tx *sql.Tx, m model.Milestone) error {
	m.Paper, m.Notices = nil, nil
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO portal_outbox (dossier, seq, at, milestone) VALUES ($1, $2, $3, $4)
		ON CONFLICT (dossier, seq) DO UPDATE SET at = excluded.at, milestone = excluded.milestone,
			state = 'pending', last_error = '', next_at = 0, done_at = 0
		WHERE portal_outbox.milestone <> excluded.milestone`,
		m.Dossier.Code, m.Event.Seq, m.Event.At.UnixMilli(), string(b))
	if err != nil {
		return fmt.Errorf("store: queueing %s/%d for the portal: %w", m.Dossier.Code, m.Event.Seq, err)
	}
	return nil
}

// PortalChange is a change queued for the portal.
type PortalChange struct {
	Dossier  string
	Seq      int
	Attempts int
	Created  bool // an earlier change of the dossier was sent
	// Milestone is the dossier as it stood at this change, so that the
	// portal hears each status with the figures of its day.
	Milestone model.Milestone
	// Supplements are the supplement requests recorded up to this change.
	Supplements []model.Event
}

// PortalDue lists, for each dossier, its first change not yet delivered
// if it is due by now: a dossier whose change failed waits for its
// backoff, and its later changes wait behind it, so that the portal hears
// each dossier's statuses in order.
func (s *Store) PortalDue(ctx context.Context, now time.Time, limit int) ([]PortalChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT o.dossier, o.seq, o.attempts, o.milestone,
			EXISTS (SELECT 1 FROM portal_outbox s WHERE s.dossier = o.dossier AND s.state = 'sent' AND s.seq < o.seq)
		FROM portal_outbox o
		WHERE o.state = 'pending' AND o.next_at <= $1
			AND o.seq = (SELECT MIN(p.seq) FROM portal_outbox p WHERE p.dossier = o.dossier AND p.state = 'pending')
		ORDER BY o.next_at, o.dossier LIMIT $2`, now.UnixMilli(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PortalChange
	for rows.Next() {
		var c PortalChange
		var raw string
		if err := rows.Scan(&c.Dossier, &c.Seq, &c.Attempts, &raw, &c.Created); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(raw), &c.Milestone); err != nil {
			return nil, fmt.Errorf("store: the queued milestone %s/%d: %w", c.Dossier, c.Seq, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Supplements, err = s.supplementsTo(ctx, out[i].Dossier, out[i].Seq); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// supplementsTo lists a dossier's supplement requests up to seq.
func (s *Store) supplementsTo(ctx context.Context, dossier string, seq int) ([]model.Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, at, actor, action, detail FROM timeline
		WHERE dossier = $1 AND seq <= $2 AND action = 'supplement_requested' ORDER BY seq`, dossier, seq)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Event
	for rows.Next() {
		var e model.Event
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Detail); err != nil {
			return nil, err
		}
		e.At = time.UnixMilli(at).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// PortalDone marks a change delivered, or skipped.
func (s *Store) PortalDone(ctx context.Context, dossier string, seq int, state string, at time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Being synced is counted in the rollups.
	before, err := readFacts(ctx, tx, dossier)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE portal_outbox SET state = $3, done_at = $4, last_error = ''
		WHERE dossier = $1 AND seq = $2`, dossier, seq, state, at.UnixMilli()); err != nil {
		return err
	}
	if err := moveRollups(ctx, tx, dossier, before); err != nil {
		return err
	}
	return tx.Commit()
}

// PortalFailed counts a failed delivery and puts the change off until next.
func (s *Store) PortalFailed(ctx context.Context, dossier string, seq int, msg string, next time.Time) error {
	if len(msg) > 1000 {
		msg = msg[:1000]
	}
	_, err := s.db.ExecContext(ctx, `UPDATE portal_outbox SET attempts = attempts + 1, last_error = $3, next_at = $4
		WHERE dossier = $1 AND seq = $2 AND state = 'pending'`, dossier, seq, msg, next.UnixMilli())
	return err
}

// PortalRetry makes a dossier's undelivered changes due now, for a
// supervisor who fixed what made them fail. It returns how many there were.
func (s *Store) PortalRetry(ctx context.Context, dossier string) (int, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE portal_outbox SET next_at = 0 WHERE dossier = $1 AND state = 'pending'`, dossier)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// PortalFailure is a dossier the portal has not heard from for a while:
// its first undelivered change failed at least once.
type PortalFailure struct {
	Dossier   string    `json:"dossier"`
	Agency    string    `json:"agency"`
	Seq       int       `json:"seq"`
	Action    string    `json:"action"`
	Attempts  int       `json:"attempts"`
	LastError string    `json:"last_error"`
	Next      time.Time `json:"next"`
	Queued    time.Time `json:"queued"`
}

// PortalUnit is indicator 1.4 for one unit: its dossiers received in the
// period, and how many of them the portal holds as they stand.
type PortalUnit struct {
	Agency   string `json:"agency"`
	Received int    `json:"received"`
	Synced   int    `json:"synced"`
}

// PortalHealth is the state of the sync over a filter's dossiers.
type PortalHealth struct {
	// Pending counts changes not yet delivered; Failing, the dossiers
	// whose next change failed at least once; Retried, the changes that
	// were delivered after one or more failures.
	Pending  int             `json:"pending"`
	Failing  int             `json:"failing"`
	Retried  int             `json:"retried"`
	Sent     int             `json:"sent"`
	Units    []PortalUnit    `json:"units"`
	Failures []PortalFailure `json:"failures"`
}

// PortalHealth reports the sync over the dossiers a filter keeps, with the
// failures first, longest failing first, up to limit.
func (s *Store) PortalHealth(ctx context.Context, f Filter, limit int) (PortalHealth, error) {
	conds, args := f.where(nil, nil)
	where := ""
	if len(conds) > 0 {
		where = " AND " + strings.Join(conds, " AND ")
	}
	h := PortalHealth{Units: []PortalUnit{}, Failures: []PortalFailure{}}
	err := s.db.QueryRowContext(ctx, `SELECT
			COALESCE(SUM(CASE WHEN o.state = 'pending' THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN o.state = 'sent' AND o.attempts > 0 THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN o.state = 'sent' THEN 1 ELSE 0 END), 0),
			COUNT(DISTINCT CASE WHEN o.state = 'pending' AND o.attempts > 0 THEN o.dossier END)
		FROM portal_outbox o JOIN dossiers d ON d.code = o.dossier WHERE 1 = 1`+where, args...).
		Scan(&h.Pending, &h.Retried, &h.Sent, &h.Failing)
	if err != nil {
		return h, err
	}
	// A dossier counts as synced when it reached the portal and nothing
	// of it waits: the portal holds it as the record does.
	rows, err := s.db.QueryContext(ctx, `SELECT d.agency, COUNT(*),
			SUM(CASE WHEN EXISTS (SELECT 1 FROM portal_outbox o WHERE o.dossier = d.code AND o.state = 'sent')
				AND NOT EXISTS (SELECT 1 FROM portal_outbox o WHERE o.dossier = d.code AND o.state = 'pending')
				THEN 1 ELSE 0 END)
		FROM dossiers d WHERE d.outcome <> 'not_received'`+where+` GROUP BY d.agency ORDER BY d.agency`, args...)
	if err != nil {
		return h, err
	}
	for rows.Next() {
		var u PortalUnit
		if err := rows.Scan(&u.Agency, &u.Received, &u.Synced); err != nil {
			rows.Close()
			return h, err
		}
		h.Units = append(h.Units, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return h, err
	}
	args = append(args, limit)
	rows, err = s.db.QueryContext(ctx, `SELECT o.dossier, d.agency, o.seq, o.attempts, o.last_error, o.next_at, o.at, o.milestone
		FROM portal_outbox o JOIN dossiers d ON d.code = o.dossier
		WHERE o.state = 'pending' AND o.attempts > 0`+where+`
		ORDER BY o.at LIMIT $`+fmt.Sprint(len(args)), args...)
	if err != nil {
		return h, err
	}
	defer rows.Close()
	for rows.Next() {
		var p PortalFailure
		var next, at int64
		var raw string
		if err := rows.Scan(&p.Dossier, &p.Agency, &p.Seq, &p.Attempts, &p.LastError, &next, &at, &raw); err != nil {
			return h, err
		}
		var m model.Milestone
		if json.Unmarshal([]byte(raw), &m) == nil {
			p.Action = m.Event.Action
		}
		p.Next, p.Queued = time.UnixMilli(next).UTC(), time.UnixMilli(at).UTC()
		h.Failures = append(h.Failures, p)
	}
	return h, rows.Err()
}
