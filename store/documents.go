package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/motcua/motcua/model"
)

// Get returns a document from the citizens' store by ID. With Put
// and CountReuse it is the activities' Documents.
func (s *Store) Get(ctx context.Context, id string) (model.Document, error) {
	d, err := scanDocument(s.db.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	return d, err
}

// Put stores a digitized document, once per ID: a retry changes nothing.
func (s *Store) Put(ctx context.Context, d model.Document) error { return putDocument(ctx, s.db, d) }

func putDocument(ctx context.Context, db execer, d model.Document) error {
	_, err := db.ExecContext(ctx, `INSERT INTO documents (id, owner, kind, sha256, ref, media, size, valid_from, valid_to)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
		d.ID, d.Owner, d.Kind, d.SHA256, d.Ref, d.Media, d.Size, d.ValidFrom.UnixMilli(), millis(d.ValidTo))
	if err != nil {
		return fmt.Errorf("store: document %s: %w", d.ID, err)
	}
	return nil
}

// CountReuse records that a document stood in for a component, once per
// (document, dossier, component).
func (s *Store) CountReuse(ctx context.Context, id, dossier, component string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO document_reuses (document, dossier, component)
		VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, id, dossier, component)
	return err
}

// Documents lists a citizen's documents, for the portal to offer for reuse.
func (s *Store) Documents(ctx context.Context, owner string) ([]model.Document, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE owner = $1 ORDER BY kind, id`, owner)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.Document{}
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

const documentColumns = `id, owner, kind, sha256, ref, media, size, valid_from, valid_to`

func scanDocument(r scanner) (model.Document, error) {
	var d model.Document
	var from int64
	var to sql.NullInt64
	err := r.Scan(&d.ID, &d.Owner, &d.Kind, &d.SHA256, &d.Ref, &d.Media, &d.Size, &from, &to)
	d.ValidFrom, d.ValidTo = instant(sql.NullInt64{Int64: from, Valid: true}), instant(to)
	return d, err
}
