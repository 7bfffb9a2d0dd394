package store

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strings"

	"github.com/motcua/motcua/model"
	"github.com/pressly/goose/v3"
)

// importBatch is how many dossiers one INSERT carries. PostgreSQL gains
// from long statements (fewer round trips; 24 parameters a row stays under
// its limit). SQLite runs in-process, so round trips cost nothing, and its
// driver binds $N parameters by name, at a cost that grows with their
// square: one prepared row at a time is fastest there (measured: 16 rows a
// statement was 2× slower, 500 was 100× slower).
func (s *Store) importBatch() int {
	if s.dialect == goose.DialectSQLite3 {
		return 1
	}
	return 500
}

// Import loads dossiers kept by an earlier system, such as a province's
// previous one-stop software, so that reports cover the years before
// motcua. It commits every 10,000 dossiers and never overwrites one
// already recorded, so an interrupted import can simply be run again. It
// returns how many dossiers were new.
func (s *Store) Import(ctx context.Context, dossiers iter.Seq[model.Projection]) (int64, error) {
	return s.ImportInBatches(ctx, dossiers, 10_000, nil)
}

// ImportInBatches is Import committing every `every` dossiers, and calling
// done after each commit with how many were read and how many were new so
// far: what a progress bar shows.
func (s *Store) ImportInBatches(ctx context.Context, dossiers iter.Seq[model.Projection], every int, done func(read, added int64)) (int64, error) {
	var (
		added, read int64
		size        = s.importBatch()
		batch       = make([]model.Projection, 0, size)
		args        = make([]any, 0, size*rowWidth)
		tx          *sql.Tx
		full, one   *sql.Stmt
		inTx        int
		rolled      = deltas{}
	)
	// One connection carries the whole import. On SQLite it gets a page
	// cache (1 GiB, for the import only) large enough for the working set
	// of the table and its indexes: with the default 2 MiB, each row's
	// index updates re-read pages from the file, and a million rows spent
	// more time in system calls than in SQLite.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: importing dossiers: %w", err)
	}
	defer conn.Close()
	if s.dialect == goose.DialectSQLite3 {
		if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -1048576"); err != nil {
			return 0, fmt.Errorf("store: importing dossiers: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -2000")
	}
	begin := func() error {
		var err error
		if tx, err = conn.BeginTx(ctx, nil); err != nil {
			return err
		}
		if full, err = tx.PrepareContext(ctx, insertRows(size)); err != nil {
			_ = tx.Rollback()
			tx = nil
			return fmt.Errorf("store: importing dossiers: %w", err)
		}
		if one, err = tx.PrepareContext(ctx, strings.TrimSuffix(insertRows(1), " RETURNING code")); err != nil {
			full.Close()
			_ = tx.Rollback()
			tx = nil
			return fmt.Errorf("store: importing dossiers: %w", err)
		}
		inTx = 0
		return nil
	}
	commit := func() error {
		full.Close()
		one.Close()
		if err := rolled.write(ctx, tx); err != nil {
			return err
		}
		rolled = deltas{}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("store: importing dossiers: %w", err)
		}
		tx = nil
		if done != nil {
			done(read, added)
		}
		return nil
	}
	defer func() {
		if tx != nil {
			full.Close()
			one.Close()
			_ = tx.Rollback()
		}
	}()
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		args = args[:0]
		for _, p := range batch {
			args = append(args, dossierRow(p, 0)...)
		}
		if size == 1 {
			// One row a statement (SQLite): whether it was new is what
			// the statement affected, without a result set to read.
			res, err := one.ExecContext(ctx, args...)
			if err != nil {
				return fmt.Errorf("store: importing dossier %s: %w", batch[0].Code, err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				rolled.move(facts{}, factsOf(batch[0]))
				added++
			}
			inTx++
			batch = batch[:0]
			return nil
		}
		var rows *sql.Rows
		var err error
		if len(batch) == size {
			rows, err = full.QueryContext(ctx, args...)
		} else {
			rows, err = tx.QueryContext(ctx, insertRows(len(batch)), args...)
		}
		if err != nil {
			return fmt.Errorf("store: importing dossiers from %s: %w", batch[0].Code, err)
		}
		// The dossiers new to the store add to the rollups; those already
		// recorded were skipped and add nothing.
		byCode := make(map[string]*model.Projection, len(batch))
		for i := range batch {
			byCode[batch[i].Code] = &batch[i]
		}
		for rows.Next() {
			var code string
			if err := rows.Scan(&code); err != nil {
				rows.Close()
				return fmt.Errorf("store: importing dossiers from %s: %w", batch[0].Code, err)
			}
			if p := byCode[code]; p != nil {
				rolled.move(facts{}, factsOf(*p))
			}
			added++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: importing dossiers from %s: %w", batch[0].Code, err)
		}
		inTx += len(batch)
		batch = batch[:0]
		return nil
	}
	for p := range dossiers {
		if p.Code == "" || p.Procedure.Code == "" || p.Agency == "" || p.Received.IsZero() {
			return added, fmt.Errorf("store: importing dossier %q: code, procedure, agency and received are required", p.Code)
		}
		if tx == nil {
			if err := begin(); err != nil {
				return added, err
			}
		}
		read++
		batch = append(batch, p)
		if len(batch) == size {
			if err := flush(); err != nil {
				return added, err
			}
			if every > 0 && inTx >= every {
				if err := commit(); err != nil {
					return added, err
				}
			}
		}
	}
	if tx == nil {
		return added, nil
	}
	if err := flush(); err != nil {
		return added, err
	}
	return added, commit()
}

// insertRows is an INSERT of n dossiers that skips codes already recorded.
func insertRows(n int) string {
	return insertInto("dossiers", writtenColumnList, n) + ` ON CONFLICT (code) DO NOTHING RETURNING code`
}
