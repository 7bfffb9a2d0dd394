package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// The answers to a request that comes with an idempotency key already seen.
var (
	// ErrKeyReused: the key came with a different body.
	ErrKeyReused = errors.New("this Idempotency-Key was used with a different request body")
	// ErrKeyInFlight: the first request with the key is still running.
	ErrKeyInFlight = errors.New("a request with this Idempotency-Key is still being processed")
)

// Claim is a request's hold on an idempotency key.
type Claim struct {
	// Dossier is the code of the dossier the key creates: chosen by the
	// first request and kept by every retry, so that a retry after a crash
	// finds the same workflow instead of starting a second.
	Dossier string
	// Response is the stored answer when the first request completed;
	// the caller replays it.
	Response string
	Done     bool
}

// ClaimKey takes an idempotency key for a request. The first request gets
// the key with code as its dossier. A retry of a completed request gets
// the stored response. A retry while the first is in flight gets
// ErrKeyInFlight, unless the first has held the key longer than lease and
// so must have died: then the retry takes over with the same dossier code.
func (s *Store) ClaimKey(ctx context.Context, scope, key, bodyHash, code string, now time.Time, lease time.Duration) (Claim, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO idempotency_keys (scope, key, body_hash, dossier, claimed)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING`, scope, key, bodyHash, code, now.UnixMilli())
	if err != nil {
		return Claim{}, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return Claim{Dossier: code}, err
	}
	var c Claim
	var hash string
	var done int
	var claimed int64
	err = s.db.QueryRowContext(ctx, `SELECT body_hash, dossier, done, response, claimed FROM idempotency_keys
		WHERE scope = $1 AND key = $2`, scope, key).Scan(&hash, &c.Dossier, &done, &c.Response, &claimed)
	if errors.Is(err, sql.ErrNoRows) {
		// Released between the insert and the read: try once more.
		return s.ClaimKey(ctx, scope, key, bodyHash, code, now, lease)
	}
	if err != nil {
		return Claim{}, err
	}
	switch {
	case hash != bodyHash:
		return Claim{}, ErrKeyReused
	case done == 1:
		c.Done = true
		return c, nil
	case now.Sub(time.UnixMilli(claimed)) < lease:
		return Claim{}, ErrKeyInFlight
	}
	// Take the key over from a request that died, unless another retry
	// took it first.
	res, err = s.db.ExecContext(ctx, `UPDATE idempotency_keys SET claimed = $1
		WHERE scope = $2 AND key = $3 AND claimed = $4 AND done = 0`, now.UnixMilli(), scope, key, claimed)
	if err != nil {
		return Claim{}, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return Claim{}, ErrKeyInFlight
	}
	return c, nil
}

// CompleteKey stores the response of the request that holds the key.
func (s *Store) CompleteKey(ctx context.Context, scope, key, response string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE idempotency_keys SET done = 1, response = $1
		WHERE scope = $2 AND key = $3`, response, scope, key)
	return err
}

// ReleaseKey frees a key whose request may have had effects it could not
// confirm, such as a workflow start when Temporal did not answer: the next
// retry takes it over at once, with the same dossier code.
func (s *Store) ReleaseKey(ctx context.Context, scope, key string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE idempotency_keys SET claimed = 0 WHERE scope = $1 AND key = $2 AND done = 0`, scope, key)
	return err
}

// ForgetKey deletes a key whose request was refused before it had any
// effect, so that the client may correct the body and retry with it.
func (s *Store) ForgetKey(ctx context.Context, scope, key string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND done = 0`, scope, key)
	return err
}
