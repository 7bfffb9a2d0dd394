package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func turnDB(t testing.TB) *sql.DB {
	t.Helper()
	dsn := "file:" + filepath.Join(t.TempDir(), "turn.db") + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_txlock=immediate"
	db := sql.OpenDB(newSQLiteConnector(dsn))
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)`); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestWritersTakeTurnsAndReadersDoNotWait(t *testing.T) {
	db := turnDB(t)
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO t VALUES (1, 'a')`); err != nil {
		t.Fatal(err)
	}
	// A reader on another connection is not held up by the open writer.
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM t`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("a read during a write saw %d rows, err %v; want 0 and no error", n, err)
	}
	// Writers that come while it writes wait, and write in the order they
	// came once it commits. Left to SQLite's busy handler, each would wake
	// on its own back-off, the last comer soonest.
	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for i := 2; i <= 6; i++ {
		wg.Go(func() {
			if _, err := db.ExecContext(ctx, `INSERT INTO t (v) VALUES ($1)`, fmt.Sprint(i)); err != nil {
				errs <- err
			}
		})
		time.Sleep(30 * time.Millisecond)
	}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM t`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("writers went ahead while the first held the turn: %d rows, err %v", n, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("a waiting writer, after the commit: %v", err)
	}
	var order string
	if err := db.QueryRowContext(ctx, `SELECT group_concat(v, ',') FROM (SELECT v FROM t ORDER BY k)`).Scan(&order); err != nil {
		t.Fatal(err)
	}
	if order != "a,2,3,4,5,6" {
		t.Errorf("the writers wrote in the order %s, want a,2,3,4,5,6: the order they came", order)
	}
	// A rolled-back transaction gives the turn back too.
	tx, err = db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO t (v) VALUES ('c')`); err != nil {
		t.Fatalf("a write after a rollback: %v", err)
	}
}

func TestAWriterWhoseContextEndsLeavesTheQueue(t *testing.T) {
	db := turnDB(t)
	tx, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := db.ExecContext(ctx, `INSERT INTO t VALUES (1, 'a')`); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a writer that could not get its turn in time: err = %v, want the deadline", err)
	}
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("a writer whose context ended after 50ms waited %s: it should leave the queue then", waited)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO t VALUES (1, 'a')`); err != nil {
		t.Fatalf("the turn was not given back after a writer gave up: %v", err)
	}
}

// BenchmarkContendedWrites is four writers, each writing and then pausing
// 2 ms, as the API's filings and the worker's milestone writes come under
// load: the file is busy but not saturated. It reports the p50 and p99 of
// one write transaction. Left to SQLite's busy handler, a writer that
// found the file locked slept 1, 2, 5, 10, 15, 20, 25 ms… before trying
// again, however soon the lock was free.
func BenchmarkContendedWrites(b *testing.B) {
	db := turnDB(b)
	const writers = 4
	var mu sync.Mutex
	var took []time.Duration
	var next atomic.Int64
	b.ResetTimer()
	var wg sync.WaitGroup
	for range writers {
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				start := time.Now()
				tx, err := db.Begin()
				if err == nil {
					if _, err = tx.Exec(`INSERT INTO t (v) VALUES ($1)`, start.String()); err == nil {
						err = tx.Commit()
					} else {
						tx.Rollback()
					}
				}
				if err != nil {
					b.Error(err)
					return
				}
				d := time.Since(start)
				mu.Lock()
				took = append(took, d)
				mu.Unlock()
				time.Sleep(2 * time.Millisecond)
			}
		})
	}
	wg.Wait()
	slices.Sort(took)
	if len(took) > 0 {
		b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(took[len(took)*99/100].Microseconds()), "p99-µs")
	}
}
