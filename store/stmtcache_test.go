package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua/model"
)

func cachedDB(t *testing.T) *sql.DB {
	t.Helper()
	db := sql.OpenDB(newSQLiteConnector("file:" + filepath.Join(t.TempDir(), "cache.db") + "?_txlock=immediate"))
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1) // one connection, so that every use meets the same cache
	if _, err := db.Exec(`CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)`); err != nil {
		t.Fatal(err)
	}
	return db
}

// cache returns the only connection's cache, to look at.
func cache(t *testing.T, db *sql.DB) *cachingConn {
	t.Helper()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var c *cachingConn
	conn.Raw(func(dc any) error { c = dc.(*cachingConn); return nil })
	return c
}

func TestStatementsAreCompiledOnce(t *testing.T) {
	db := cachedDB(t)
	const insert = `INSERT INTO t (k, v) VALUES ($1, $2)`
	for i := range 50 {
		if _, err := db.Exec(insert, i, fmt.Sprint("v", i)); err != nil {
			t.Fatal(err)
		}
	}
	c := cache(t, db)
	first := c.stmts[insert]
	if first == nil || first.busy {
		t.Fatalf("the insert is not cached, or is still held: %+v", first)
	}
	if _, err := db.Exec(insert, 50, "v50"); err != nil {
		t.Fatal(err)
	}
	if c.stmts[insert] != first {
		t.Error("the insert was compiled again")
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil || n != 51 {
		t.Fatalf("count = %d, %v", n, err)
	}
}

// A statement whose rows are still being read is busy: running the same
// text inside the loop compiles a second one and gives the right rows.
func TestTheSameStatementInsideItsOwnRows(t *testing.T) {
	db := cachedDB(t)
	for i := range 3 {
		db.Exec(`INSERT INTO t (k, v) VALUES ($1, $2)`, i, fmt.Sprint("v", i))
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const q = `SELECT k, v FROM t WHERE k >= $1 ORDER BY k`
	rows, err := tx.Query(q, 0)
	if err != nil {
		t.Fatal(err)
	}
	var outer, inner []string
	for rows.Next() {
		var k int
		var v string
		rows.Scan(&k, &v)
		outer = append(outer, v)
		in, err := tx.Query(q, k+1)
		if err != nil {
			t.Fatal(err)
		}
		for in.Next() {
			var k2 int
			var v2 string
			in.Scan(&k2, &v2)
			inner = append(inner, v2)
		}
		in.Close()
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if fmt.Sprint(outer) != "[v0 v1 v2]" || fmt.Sprint(inner) != "[v1 v2 v2]" {
		t.Errorf("outer %v inner %v", outer, inner)
	}
	tx.Rollback()
	if s := cache(t, db).stmts[q]; s == nil || s.busy {
		t.Errorf("the query is not given back once its rows are closed: %+v", s)
	}
}

// A statement prepared by name is lent from the cache and given back when
// closed; a statement prepared while it is lent is a fresh one.
func TestPreparedStatementsAreLent(t *testing.T) {
	db := cachedDB(t)
	const insert = `INSERT INTO t (k, v) VALUES ($1, $2)`
	tx, _ := db.Begin()
	st, err := tx.Prepare(insert)
	if err != nil {
		t.Fatal(err)
	}
	other, err := tx.Prepare(insert)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		p := st
		if i%2 == 1 {
			p = other
		}
		if _, err := p.Exec(i, "x"); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	other.Close()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if s := cache(t, db).stmts[insert]; s == nil || s.busy {
		t.Errorf("the prepared insert is not given back: %+v", s)
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM t`).Scan(&n)
	if n != 4 {
		t.Errorf("rows = %d, want 4", n)
	}
}

// The cache stays bounded however many texts are run.
func TestTheCacheIsBounded(t *testing.T) {
	db := cachedDB(t)
	for i := range stmtsPerConn + 40 {
		var n int
		if err := db.QueryRow(fmt.Sprintf(`SELECT %d`, i)).Scan(&n); err != nil || n != i {
			t.Fatalf("SELECT %d = %d, %v", i, n, err)
		}
	}
	if n := len(cache(t, db).stmts); n > stmtsPerConn {
		t.Errorf("%d statements cached, more than %d", n, stmtsPerConn)
	}
}

// A failing statement leaves nothing held.
func TestAFailedStatementIsNotHeld(t *testing.T) {
	db := cachedDB(t)
	if _, err := db.Exec(`INSERT INTO t (k, v) VALUES ($1, $2)`, 1, "a"); err != nil {
		t.Fatal(err)
	}
	const insert = `INSERT INTO t (k, v) VALUES ($1, $2)`
	if _, err := db.Exec(insert, 1, "again"); err == nil {
		t.Fatal("a duplicate key was accepted")
	}
	if _, err := db.Exec(insert, 2, "b"); err != nil {
		t.Fatalf("the statement after a failure: %v", err)
	}
	if _, err := db.Exec(`INSERT INTO nowhere VALUES (1)`); err == nil {
		t.Fatal("a statement on a missing table ran")
	}
}

// Under concurrent writes the store's connections stay open, and with
// them the statements they compiled: none is closed for being idle.
func TestConnectionsStayOpenUnderLoad(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "motcua.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for i := range 20 {
				m := model.Milestone{Dossier: model.Projection{Code: fmt.Sprintf("L%d", g), Stage: "in_review"},
					Event: model.Event{Seq: i + 1, At: time.Unix(int64(i), 0), Action: "step_done"}}
				if err := s.Record(context.Background(), m); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if st := s.db.Stats(); st.MaxIdleClosed != 0 {
		t.Errorf("%d connections were closed for being idle (of %d opened at most)", st.MaxIdleClosed, st.MaxOpenConnections)
	}
}
