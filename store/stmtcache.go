package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"sync"

	"modernc.org/sqlite"
)

// The SQLite driver compiles every statement it is given afresh, and
// compiling costs more than running: a milestone write spent most of its
// time parsing the same dozen statements. Each connection therefore keeps
// the statements it has compiled, by their text, and runs them again.
// PostgreSQL's driver keeps its own cache.

// stmtsPerConn bounds a connection's cache. The store's statements are a
// few dozen fixed texts; lists with their own filters add a few more.
const stmtsPerConn = 256

// sqliteConnector opens SQLite connections that keep their statements
// and take turns to write (writeturn.go).
type sqliteConnector struct {
	dsn  string
	turn writeTurn
}

func newSQLiteConnector(dsn string) *sqliteConnector {
	return &sqliteConnector{dsn: dsn, turn: newWriteTurn()}
}

func (c *sqliteConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := (&sqlite.Driver{}).Open(c.dsn)
	if err != nil {
		return nil, err
	}
	inner, ok := conn.(sqliteConn)
	if !ok {
		conn.Close()
		return nil, errors.New("store: the SQLite driver's connection lacks the methods the store relies on")
	}
	return &cachingConn{sqliteConn: inner, stmts: map[string]*cachedStmt{}, turn: c.turn}, nil
}

func (*sqliteConnector) Driver() driver.Driver { return &sqlite.Driver{} }

// sqliteConn is what the SQLite driver's connection offers and the cache
// passes on.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// cachingConn is a SQLite connection that runs its statements from a
// cache. database/sql uses a connection from one goroutine at a time, but
// may close a query's rows from another when its context ends, hence the
// lock.
type cachingConn struct {
	sqliteConn
	mu    sync.Mutex
	stmts map[string]*cachedStmt
	turn  writeTurn
	inTx  bool // holding the turn for a transaction
}

// cachedStmt is a compiled statement; busy while in use (its rows being
// read, or lent by PrepareContext), when a second use of the same text
// compiles a statement of its own.
type cachedStmt struct {
	stmt driver.Stmt
	busy bool
}

// borrow returns a compiled statement for query and what to call once
// done with it: the connection's own, compiled on first use and given
// back; or, while that one is busy, a fresh one, closed.
func (c *cachingConn) borrow(ctx context.Context, query string) (driver.Stmt, func(), error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.stmts[query]
	switch {
	case ok && s.busy:
		st, err := c.sqliteConn.PrepareContext(ctx, query)
		if err != nil {
			return nil, nil, err
		}
		return st, func() { st.Close() }, nil
	case !ok:
		st, err := c.sqliteConn.PrepareContext(ctx, query)
		if err != nil {
			return nil, nil, err
		}
		if len(c.stmts) >= stmtsPerConn {
			c.evict()
		}
		s = &cachedStmt{stmt: st}
		c.stmts[query] = s
	}
	s.busy = true
	return s.stmt, func() { c.release(s) }, nil
}

// evict closes one statement that is not in use, to make room.
func (c *cachingConn) evict() {
	for q, s := range c.stmts {
		if !s.busy {
			s.stmt.Close()
			delete(c.stmts, q)
			return
		}
	}
}

func (c *cachingConn) release(s *cachedStmt) {
	c.mu.Lock()
	s.busy = false
	c.mu.Unlock()
}

// ExecContext runs query from the cache; outside a transaction it is a
// write of its own, and waits for its turn.
func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if !c.inTx {
		if err := c.turn.take(ctx); err != nil {
			return nil, err
		}
		defer c.turn.give()
	}
	st, done, err := c.borrow(ctx, query)
	if err != nil {
		return nil, err
	}
	defer done()
	return st.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext runs query from the cache; the statement is given back
// once its rows are closed.
func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	st, done, err := c.borrow(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		done()
		return nil, err
	}
	full, ok := rows.(sqliteRows)
	if !ok {
		rows.Close()
		done()
		return nil, errors.New("store: the SQLite driver's rows lack the methods the store relies on")
	}
	return &cachedRows{sqliteRows: full, release: done}, nil
}

// PrepareContext lends a statement from the cache: closing it gives it
// back.
func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st, done, err := c.borrow(ctx, query)
	if err != nil {
		return nil, err
	}
	return &lentStmt{Stmt: st, release: done}, nil
}

// lentStmt is a statement prepared by name; database/sql closes it only
// once its rows are closed.
type lentStmt struct {
	driver.Stmt
	once    sync.Once
	release func()
}

func (s *lentStmt) Close() error {
	s.once.Do(s.release)
	return nil
}

func (s *lentStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (s *lentStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
}

// Close closes the cached statements before the connection.
func (c *cachingConn) Close() error {
	c.mu.Lock()
	for q, s := range c.stmts {
		s.stmt.Close()
		delete(c.stmts, q)
	}
	c.mu.Unlock()
	return c.sqliteConn.Close()
}

// sqliteRows is what the SQLite driver's rows offer: database/sql asks
// for the column types through them.
type sqliteRows interface {
	driver.Rows
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeLength
	driver.RowsColumnTypeNullable
	driver.RowsColumnTypePrecisionScale
	driver.RowsColumnTypeScanType
}

// cachedRows gives its statement back when closed, after the rows.
type cachedRows struct {
	sqliteRows
	once    sync.Once
	release func()
}

func (r *cachedRows) Close() error {
	err := r.sqliteRows.Close()
	r.once.Do(r.release)
	return err
}
