package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pressly/goose/v3"
)

// TableCopied is one table of a copy: how many rows the source held and
// how many the destination holds after it.
type TableCopied struct {
	Table  string `json:"table"`
	Source int64  `json:"source"`
	Copied int64  `json:"copied"`
}

// ErrSourceChanged is a source written to while it was being copied: the
// copy is rolled back, since it would miss what was written.
var ErrSourceChanged = errors.New("the source store was written to while it was copied: stop every motcua using it and copy again")

// CopyInto copies every record of s into dst, which must be empty: how a
// province moves the embedded default's SQLite file onto the cluster's
// PostgreSQL. Both are at the same migration, since both were opened by
// this build. The copy reads one snapshot of s and writes dst in one
// transaction, so it lands whole or not at all, and each table's rows
// are counted on both sides before it commits. progress, when not nil,
// is called after each table.
func (s *Store) CopyInto(ctx context.Context, dst *Store, progress func(TableCopied)) ([]TableCopied, error) {
	from, err := s.CanCopyInto(ctx, dst)
	if err != nil {
		return nil, err
	}
	src, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: copying: %w", err)
	}
	defer src.Close()
	// SQLite's data_version changes when another connection commits: read
	// before the snapshot and after it, it tells whether motcua was still
	// writing to the file (WAL lets it) during the copy.
	before, err := s.dataVersion(ctx, src)
	if err != nil {
		return nil, fmt.Errorf("store: copying: %w", err)
	}
	rtx, err := src.BeginTx(ctx, s.snapshot())
	if err != nil {
		return nil, fmt.Errorf("store: copying: %w", err)
	}
	defer rtx.Rollback()
	wtx, err := dst.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: copying: %w", err)
	}
	defer wtx.Rollback()

	var out []TableCopied
	for _, t := range from {
		c, err := copyTable(ctx, rtx, wtx, t, dst.copyBatch)
		if err != nil {
			return nil, fmt.Errorf("store: copying %s: %w", t, err)
		}
		if c.Source != c.Copied {
			return nil, fmt.Errorf("store: copying %s: the source holds %d rows, the destination %d after the copy", t, c.Source, c.Copied)
		}
		out = append(out, c)
		if progress != nil {
			progress(c)
		}
	}
	if err := rtx.Commit(); err != nil {
		return nil, fmt.Errorf("store: copying: %w", err)
	}
	after, err := s.dataVersion(ctx, src)
	if err != nil {
		return nil, fmt.Errorf("store: copying: %w", err)
	}
	if after != before {
		return nil, fmt.Errorf("store: copying: %w", ErrSourceChanged)
	}
	if err := wtx.Commit(); err != nil {
		return nil, fmt.Errorf("store: copying: %w", err)
	}
	return out, nil
}

// CanCopyInto says why s cannot be copied into dst, if it cannot: dst
// holds records, or was made by another version of motcua. It returns
// the tables a copy would fill. A mover asks before it moves anything
// else, such as the files.
func (s *Store) CanCopyInto(ctx context.Context, dst *Store) ([]string, error) {
	from, err := s.tables(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: copying: the source: %w", err)
	}
	to, err := dst.tables(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: copying: the destination: %w", err)
	}
	if !slices.Equal(from, to) {
		return nil, fmt.Errorf("store: copying: the source has the tables %s and the destination %s: run the same motcua on both", strings.Join(from, ", "), strings.Join(to, ", "))
	}
	sv, dv := s.version(ctx), dst.version(ctx)
	if sv != dv {
		return nil, fmt.Errorf("store: copying: the source is at migration %d and the destination at %d: run the same motcua on both", sv, dv)
	}
	for _, t := range to {
		var n int64
		if err := dst.db.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: copying: counting %s in the destination: %w", t, err)
		}
		if n > 0 {
			return nil, fmt.Errorf("store: copying: the destination's table %s already holds %d rows: motcua copies only into an empty store, so that nothing there is overwritten or mixed", t, n)
		}
	}
	return from, nil
}

// tables are the store's tables, in name order, without the migrations'
// own.
func (s *Store) tables(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if s.dialect == goose.DialectPostgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		if name != "goose_db_version" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out, rows.Err()
}

// version is the newest migration applied.
func (s *Store) version(ctx context.Context) int64 {
	var v sql.NullInt64
	_ = s.db.QueryRowContext(ctx, "SELECT max(version_id) FROM goose_db_version WHERE is_applied").Scan(&v)
	return v.Int64
}

// snapshot is a read transaction that sees one instant of the database.
// On SQLite it must say it only reads: the store's connections begin
// their transactions by taking the write lock, and a copy holding it
// would stall motcua's writes instead of noticing them. PostgreSQL's
// read committed would see each statement's own instant.
func (s *Store) snapshot() *sql.TxOptions {
	if s.dialect == goose.DialectPostgres {
		return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	return &sql.TxOptions{ReadOnly: true}
}

// dataVersion is SQLite's count of other connections' commits as seen
// from conn; PostgreSQL has none, and its snapshot is the whole guard.
func (s *Store) dataVersion(ctx context.Context, conn *sql.Conn) (int64, error) {
	if s.dialect != goose.DialectSQLite3 {
		return 0, nil
	}
	var v int64
	err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// copyBatch is how many rows of width columns one INSERT carries: one on
// SQLite, whose driver binds many parameters slowly (see importBatch),
// and as many as PostgreSQL's 65,535 parameters allow, up to 500, there.
func (s *Store) copyBatch(width int) int {
	if s.dialect == goose.DialectSQLite3 {
		return 1
	}
	return max(1, min(500, 65535/width))
}

// copyTable streams one table's rows from rtx into wtx, by the source's
// column names, and counts them on both sides.
func copyTable(ctx context.Context, rtx, wtx *sql.Tx, table string, batchOf func(int) int) (TableCopied, error) {
	c := TableCopied{Table: table}
	if err := rtx.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&c.Source); err != nil {
		return c, err
	}
	rows, err := rtx.QueryContext(ctx, "SELECT * FROM "+table)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return c, err
	}
	size := batchOf(len(cols))
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	args := make([]any, 0, size*len(cols))
	flush := func() error {
		n := len(args) / len(cols)
		if n == 0 {
			return nil
		}
		st, ok := stmts[n]
		if !ok {
			var err error
			if st, err = wtx.PrepareContext(ctx, insertInto(table, cols, n)); err != nil {
				return err
			}
			stmts[n] = st
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
		args = args[:0]
		return nil
	}
	row := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for rows.Next() {
		for i := range row {
			row[i] = nil
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return c, err
		}
		for _, v := range row {
			// The driver may reuse a []byte's memory for the next row.
			if b, ok := v.([]byte); ok {
				v = slices.Clone(b)
			}
			args = append(args, v)
		}
		if len(args) == size*len(cols) {
			if err := flush(); err != nil {
				return c, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	if err := flush(); err != nil {
		return c, err
	}
	err = wtx.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&c.Copied)
	return c, err
}

// insertInto is an INSERT of n rows of cols into table, with $N
// parameters, which both engines' drivers take.
func insertInto(table string, cols []string, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	p := 1
	for r := range n {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for i := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("$" + strconv.Itoa(p))
			p++
		}
		b.WriteByte(')')
	}
	return b.String()
}
