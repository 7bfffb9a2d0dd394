package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/motcua/motcua/model"
)

// recordFiles keeps every electronic copy a milestone lists, once; seq is
// the milestone that first showed it, so files list in the order they came.
func recordFiles(ctx context.Context, tx *sql.Tx, dossier string, seq int, files []model.File) error {
	for _, f := range files {
		_, err := tx.ExecContext(ctx, `INSERT INTO dossier_files (dossier, component, document, sha256, media, size, how, reused_from, seq)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dossier, component, document) DO NOTHING`,
			dossier, f.Component, f.Document, f.SHA256, f.Media, f.Size, f.How, f.ReusedFrom, seq)
		if err != nil {
			return fmt.Errorf("store: files of %s: %w", dossier, err)
		}
	}
	return nil
}

// Files lists every electronic copy ever attached to a dossier, in the
// order they came, including those a supplement replaced.
func (s *Store) Files(ctx context.Context, dossier string) ([]model.File, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT component, document, sha256, media, size, how, reused_from
		FROM dossier_files WHERE dossier = $1 ORDER BY seq, component, document`, dossier)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.File{}
	for rows.Next() {
		var f model.File
		if err := rows.Scan(&f.Component, &f.Document, &f.SHA256, &f.Media, &f.Size, &f.How, &f.ReusedFrom); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
