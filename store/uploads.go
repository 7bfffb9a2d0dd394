package store

import (
	"context"
	"time"
)

// Uploaded records who uploaded a file: the caller, and the citizen it
// was, when a citizen uploaded it. Files are stored by content, so two
// people who upload the same bytes share the file, and each is recorded.
func (s *Store) Uploaded(ctx context.Context, file, uploader, citizen string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO uploads (file, uploader, citizen, at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (file, uploader) DO NOTHING`, file, uploader, citizen, at.UnixMilli())
	return err
}

// MayFile reports whether a file was uploaded by the caller named, or by
// the citizen named: the only two whose uploads the caller may file.
func (s *Store) MayFile(ctx context.Context, file, uploader, citizen string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM uploads WHERE file = $1 AND (uploader = $2 OR (citizen <> '' AND citizen = $3))`,
		file, uploader, citizen).Scan(&n)
	return n > 0, err
}
