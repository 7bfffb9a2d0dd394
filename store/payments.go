package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/money"
)

// LedgerEntry is one line of the payments ledger: a payment, or a failed
// attempt at one, as the gateway or the counter reported it.
type LedgerEntry struct {
	TxID       string    `json:"tx_id"`
	Dossier    string    `json:"dossier"`
	Online     bool      `json:"online"`
	Amount     money.VND `json:"amount"`
	Success    bool      `json:"success"`
	GatewayRef string    `json:"gateway_ref,omitempty"`
	At         time.Time `json:"at"`
}

// RecordPayment writes a payment to the ledger once per transaction ID. It
// reports whether this call wrote it, so that a callback delivered twice is
// told apart from the first.
func (s *Store) RecordPayment(ctx context.Context, p LedgerEntry) (bool, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO payments (tx_id, dossier, online, amount, success, gateway_ref, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tx_id) DO NOTHING`,
		p.TxID, p.Dossier, flag(p.Online), int64(p.Amount), flag(p.Success), p.GatewayRef, p.At.UnixMilli())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Payments lists a dossier's payments in the order they came.
func (s *Store) Payments(ctx context.Context, dossier string) ([]LedgerEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT tx_id, dossier, online, amount, success, gateway_ref, at
		FROM payments WHERE dossier = $1 ORDER BY at, tx_id`, dossier)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []LedgerEntry{}
	for rows.Next() {
		var p LedgerEntry
		var online, success int
		var amount, at int64
		if err := rows.Scan(&p.TxID, &p.Dossier, &online, &amount, &success, &p.GatewayRef, &at); err != nil {
			return nil, err
		}
		p.Online, p.Success, p.Amount, p.At = online == 1, success == 1, money.VND(amount), time.UnixMilli(at).UTC()
		out = append(out, p)
	}
	return out, rows.Err()
}

// recordMoney writes the payments and refunds a milestone lists, once
// each. A payment the gateway's callback wrote first is left as it is.
func recordMoney(ctx context.Context, tx *sql.Tx, dossier string, at time.Time, pays []activities.Payment, refunds []activities.Refund) error {
	for _, p := range pays {
		when := p.At
		if when.IsZero() {
			when = at
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO payments (tx_id, dossier, online, amount, success, gateway_ref, at)
			VALUES ($1, $2, $3, $4, 1, $5, $6) ON CONFLICT (tx_id) DO NOTHING`,
			p.TxID, dossier, flag(p.Online), int64(p.Amount), p.GatewayRef, when.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: payments of %s: %w", dossier, err)
		}
	}
	for _, r := range refunds {
		when := r.At
		if when.IsZero() {
			when = at
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO refunds (dossier, reference, tx_id, online, amount, at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dossier, reference) DO NOTHING`,
			dossier, r.Reference, r.TxID, flag(r.Online), int64(r.Amount), when.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: refunds of %s: %w", dossier, err)
		}
	}
	return nil
}

// Refunds lists a dossier's refunds in the order they were made.
func (s *Store) Refunds(ctx context.Context, dossier string) ([]activities.Refund, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT reference, tx_id, online, amount, at FROM refunds
		WHERE dossier = $1 ORDER BY at, reference`, dossier)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []activities.Refund{}
	for rows.Next() {
		var r activities.Refund
		var online int
		var amount, at int64
		if err := rows.Scan(&r.Reference, &r.TxID, &online, &amount, &at); err != nil {
			return nil, err
		}
		r.Online, r.Amount, r.At = online == 1, money.VND(amount), time.UnixMilli(at).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}
