package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/motcua/motcua/model"
)

// PaperInfo is a paper issued for a dossier, without its bytes.
type PaperInfo struct {
	Kind   string    `json:"kind"`
	Number int       `json:"number"`
	Issued time.Time `json:"issued"`
}

// recordPaper keeps a paper a milestone issued, once: a retried write
// keeps the bytes first issued.
func recordPaper(ctx context.Context, tx *sql.Tx, dossier string, p *model.Paper) error {
	if p == nil || len(p.PDF) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO papers (dossier, kind, number, issued, pdf)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dossier, kind, number) DO NOTHING`,
		dossier, p.Kind, p.Number, p.Issued().UnixMilli(), p.PDF)
	if err != nil {
		return fmt.Errorf("store: %s of %s: %w", p.Kind, dossier, err)
	}
	return nil
}

// Paper returns a paper's PDF as it was issued, or ErrNotFound.
func (s *Store) Paper(ctx context.Context, dossier, kind string, number int) ([]byte, error) {
	var pdf []byte
	err := s.db.QueryRowContext(ctx, `SELECT pdf FROM papers WHERE dossier = $1 AND kind = $2 AND number = $3`,
		dossier, kind, number).Scan(&pdf)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return pdf, err
}

// Papers lists the papers issued for a dossier, in the order issued.
func (s *Store) Papers(ctx context.Context, dossier string) ([]PaperInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, number, issued FROM papers WHERE dossier = $1
		ORDER BY issued, kind, number`, dossier)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []PaperInfo{}
	for rows.Next() {
		var p PaperInfo
		var issued int64
		if err := rows.Scan(&p.Kind, &p.Number, &issued); err != nil {
			return nil, err
		}
		p.Issued = time.UnixMilli(issued).UTC()
		out = append(out, p)
	}
	return out, rows.Err()
}
