package embedded

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"go.temporal.io/server/common/config"
	temporalschema "go.temporal.io/server/schema"
)

// visibilityFileName is the SQLite file beside the server's own that holds
// its visibility records, the lists Temporal's UI and ListWorkflow read.
//
// They live apart because SQLite has one writer per file: a visibility
// record is an upsert into a table of some sixty generated columns, as
// many indexes and two full-text tables, the costliest write the server
// makes, and each dossier makes several. In the server's own file every
// one of them held up the history writes that dossiers wait on; in a file
// of its own it is written beside them. motcua bench, "POST /dossiers" at
// 30 a second, with the transfer queue's reads raised: p99 104 and 73 ms
// in one file, 53 and 54 ms in two.
const visibilityFileName = "visibility.db"

// visibilitySchema is Temporal's own schema for SQLite visibility, as the
// server version in go.mod ships it.
const visibilitySchema = "sqlite/v3/visibility/schema.sql"

// visibilityConfig points visibility at its own file beside main, creating
// the file the first time. A data directory from before the split has its
// records in the main file: they are copied over then, so that the lists
// still show every dossier, and left where they were.
func visibilityConfig(main *config.SQL, dir string) (*config.SQL, error) {
	file := filepath.Join(dir, visibilityFileName)
	if err := prepareVisibility(file, main.DatabaseName); err != nil {
		return nil, fmt.Errorf("embedded temporal: %s: %w", file, err)
	}
	v := *main
	v.DatabaseName = file
	v.ConnectAttributes = maps.Clone(main.ConnectAttributes)
	return &v, nil
}

// prepareVisibility makes the visibility file if it is missing, copying
// the records the main file holds. It builds the file under another name
// and renames it when complete, so that a start cut short leaves either no
// file, and is done again, or a whole one.
func prepareVisibility(file, main string) error {
	if _, err := os.Stat(file); err == nil {
		return checkVisibility(file)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	ddl, err := fs.ReadFile(temporalschema.Assets(), visibilitySchema)
	if err != nil {
		return err
	}
	building := file + ".new"
	if err := os.Remove(building); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	db, err := sql.Open("sqlite", building)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, string(ddl)); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	if _, err := os.Stat(main); err == nil {
		if err := copyVisibility(ctx, conn, main); err != nil {
			return fmt.Errorf("copying the records from %s: %w", filepath.Base(main), err)
		}
	}
	if err := conn.Close(); err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	return os.Rename(building, file)
}

// checkVisibility makes sure an existing file holds visibility records,
// so that a file damaged or put there by mistake is named at start rather
// than failing deep in the server's start as "file is not a database".
func checkVisibility(file string) error {
	db, err := sql.Open("sqlite", file)
	if err != nil {
		return err
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'executions_visibility'").Scan(&n); err != nil || n != 1 {
		if err == nil {
			err = errors.New("it has no table executions_visibility")
		}
		return fmt.Errorf("it does not hold visibility records (%w): move it aside, and the next start makes a new one, "+
			"whose lists show each workflow again from its next change", err)
	}
	return nil
}

// copyVisibility copies every visibility record of the main file into the
// one conn is open on. Only the stored columns are copied: the generated
// ones and the full-text tables the schema's triggers fill are made again
// from them. The columns are read from both tables, so that a schema that
// has since added or dropped one still copies what the two share.
func copyVisibility(ctx context.Context, conn *sql.Conn, main string) error {
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS old", main); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, "DETACH DATABASE old")
	rows, err := conn.QueryContext(ctx, `SELECT o.name FROM pragma_table_xinfo('executions_visibility', 'old') o
		JOIN pragma_table_xinfo('executions_visibility', 'main') n ON n.name = o.name WHERE o.hidden = 0 AND n.hidden = 0`)
	if err != nil {
		return err
	}
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		cols = append(cols, `"`+c+`"`)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if len(cols) == 0 {
		return nil // a main file made before Temporal kept visibility in it
	}
	list := strings.Join(cols, ", ")
	_, err = conn.ExecContext(ctx, "INSERT INTO main.executions_visibility ("+list+") SELECT "+list+" FROM old.executions_visibility")
	return err
}
