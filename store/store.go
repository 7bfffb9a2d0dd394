// Package store keeps the records that outlive workflows: the dossier
// projection and timeline, the citizens' digitized documents, the payments
// ledger, notices and the API's idempotency keys. It runs on SQLite in the
// data directory by default and on PostgreSQL in production, with one
// schema and one set of migrations.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a SQL database holding motcua's records. It is safe for
// concurrent use.
type Store struct {
	db      *sql.DB
	dialect goose.Dialect
}

// Open connects to the database named by url and brings its schema up to
// date. A url starting with postgres:// or postgresql:// is PostgreSQL;
// anything else is a SQLite file path, created with its directory.
func Open(ctx context.Context, url string) (*Store, error) {
	s, err := connect(url)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// SQLitePath is the store's file in a data directory.
func SQLitePath(dataDir string) string { return filepath.Join(dataDir, "motcua.db") }

func connect(dsn string) (*Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(20) // see the SQLite case below
		return &Store{db: db, dialect: goose.DialectPostgres}, nil
	}
	if dir := filepath.Dir(dsn); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	// WAL lets readers work while one connection writes; the store's
	// writers take turns in Go (writeturn.go), and the busy timeout covers
	// another process writing to the same file; immediate transactions
	// take the write lock up front, so two writers never deadlock
	// upgrading.
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)", "foreign_keys(ON)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db := sql.OpenDB(newSQLiteConnector("file:" + dsn + "?" + q.Encode()))
	db.SetMaxOpenConns(8)
	// database/sql keeps two idle connections unless told otherwise, and
	// closes the rest as soon as they are free: under load the store
	// opened and closed connections all the time, and each new one
	// compiled its statements again. All of them stay open.
	db.SetMaxIdleConns(8)
	return &Store{db: db, dialect: goose.DialectSQLite3}, nil
}

func (s *Store) migrate(ctx context.Context) error {
	var opts []goose.ProviderOption
	if s.dialect == goose.DialectPostgres {
		// Replicas start together: one migrates while the others wait on
		// an advisory lock, instead of all creating the same tables.
		l, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
		if err != nil {
			return fmt.Errorf("store: migrations: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(l))
	}
	p, err := goose.NewProvider(s.dialect, s.db, mustSub(migrations, "migrations"), opts...)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrating: %w", err)
	}
	if err := s.fillRollups(ctx); err != nil {
		return fmt.Errorf("store: filling the rollups: %w", err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks that the database answers, for readiness.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// ErrNotFound is returned for a record that does not exist.
var ErrNotFound = errors.New("not found")

// millis stores an instant; the zero time is NULL.
func millis(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

// instant reads what millis stored.
func instant(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.UnixMilli(n.Int64).UTC()
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}
