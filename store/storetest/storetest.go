// Package storetest opens fresh stores for tests: a SQLite file always, and
// a PostgreSQL database of its own when MOTCUA_TEST_POSTGRES_URL names a
// server to use. Each call gets new, empty databases, so that test packages
// running side by side never see each other's rows.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/motcua/motcua/store"
)

// PostgresEnv names the variable holding the URL of a PostgreSQL server
// whose user may create databases. CI always sets it.
const PostgresEnv = "MOTCUA_TEST_POSTGRES_URL"

// Engines opens a fresh store on every engine available, keyed by "sqlite"
// and "postgres". The stores are closed and their databases dropped when
// the test ends.
func Engines(t testing.TB) map[string]*store.Store {
	t.Helper()
	out := map[string]*store.Store{"sqlite": SQLite(t)}
	if pg := Postgres(t); pg != nil {
		out["postgres"] = pg
	}
	return out
}

// SQLite opens a fresh store in a file of the test's temporary directory.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "motcua.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Postgres opens a store on a database of its own, created for this test,
// or returns nil when no server is configured.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	url := PostgresURL(t)
	if url == "" {
		return nil
	}
	s, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// PostgresURL creates an empty database for this test, dropped when it
// ends, and returns its URL; empty when no server is configured.
func PostgresURL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(PostgresEnv)
	if admin == "" {
		return ""
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "motcua_test_" + hex.EncodeToString(b[:])
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("creating a test database on %s: %v", PostgresEnv, err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", admin); err == nil {
			_, _ = db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	})
	u.Path = "/" + name
	return u.String()
}
