package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/motcua/motcua/model"
)

// Notify queues a notice once per key, for the SMS, e-mail and portal
// integrations to deliver. It is the activities' Notifier.
func (s *Store) Notify(ctx context.Context, n model.Notice) error {
	return notify(ctx, s.db, n, time.Now())
}

// execer is a database or a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// notify queues a notice once per key; a milestone's notices are queued in
// the milestone's own transaction.
func notify(ctx context.Context, db execer, n model.Notice, at time.Time) error {
	_, err := db.ExecContext(ctx, `INSERT INTO notices (key, dossier, recipient, kind, text, at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING`,
		n.Key, n.Dossier, n.To, n.Kind, n.Text, at.UnixMilli())
	return err
}

// Notices lists the notices of a dossier in the order they were queued.
func (s *Store) Notices(ctx context.Context, dossier string) ([]model.Notice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, dossier, recipient, kind, text FROM notices
		WHERE dossier = $1 ORDER BY at, key`, dossier)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.Notice{}
	for rows.Next() {
		var n model.Notice
		if err := rows.Scan(&n.Key, &n.Dossier, &n.To, &n.Kind, &n.Text); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
