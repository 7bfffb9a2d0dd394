package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync"
	"time"
)

// SQLite lets one connection write at a time. Left to SQLite, a writer
// that finds the file locked sleeps in its busy handler, 1, 2, 5, 10, 15,
// 20, 25 ms and on, before it tries again, however soon the lock is free;
// under load those sleeps were the tail of every request that writes. The
// store's writers therefore queue in Go for a turn, one at a time, in the
// order they came, and each finds the file free when its turn comes.
// Readers never queue: WAL lets them read beside the writer.
//
// A turn is a write transaction (BEGIN IMMEDIATE to COMMIT or ROLLBACK)
// or one statement run outside a transaction. Another process writing to
// the same file (motcua import, say) still meets SQLite's own lock.

// turnWait bounds the wait for a turn, as busy_timeout bounded the wait for
// SQLite's lock, so that a writer that cannot get in fails rather than
// hangs.
const turnWait = 10 * time.Second

// writeTurn is the one turn to write, shared by a store's connections.
type writeTurn chan struct{}

func newWriteTurn() writeTurn { return make(writeTurn, 1) }

// take waits for the turn until ctx ends or turnWait has passed.
func (w writeTurn) take(ctx context.Context) error {
	select {
	case w <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(turnWait)
	defer t.Stop()
	select {
	case w <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return fmt.Errorf("store: waited %s for the turn to write: the database is locked", turnWait)
	}
}

// give hands the turn to the next writer.
func (w writeTurn) give() { <-w }

// turnTx is a write transaction holding the turn until it ends.
type turnTx struct {
	driver.Tx
	conn *cachingConn
	once sync.Once
}

func (t *turnTx) Commit() error {
	defer t.end()
	return t.Tx.Commit()
}

func (t *turnTx) Rollback() error {
	defer t.end()
	return t.Tx.Rollback()
}

func (t *turnTx) end() {
	t.once.Do(func() {
		t.conn.inTx = false
		t.conn.turn.give()
	})
}

// readTx is a transaction that only reads: it holds no turn, and under
// WAL it never stands in a writer's way.
type readTx struct {
	driver.Tx
	conn *cachingConn
}

func (t *readTx) Commit() error {
	t.conn.inTx = false
	return t.Tx.Commit()
}

func (t *readTx) Rollback() error {
	t.conn.inTx = false
	return t.Tx.Rollback()
}

// BeginTx waits for the turn, then begins the transaction. One that says
// it only reads begins at once, deferred (the driver leaves out
// IMMEDIATE for it), since it takes no write lock.
func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if opts.ReadOnly {
		tx, err := c.sqliteConn.BeginTx(ctx, opts)
		if err != nil {
			return nil, err
		}
		c.inTx = true
		return &readTx{Tx: tx, conn: c}, nil
	}
	if err := c.turn.take(ctx); err != nil {
		return nil, err
	}
	tx, err := c.sqliteConn.BeginTx(ctx, opts)
	if err != nil {
		c.turn.give()
		return nil, err
	}
	c.inTx = true
	return &turnTx{Tx: tx, conn: c}, nil
}
