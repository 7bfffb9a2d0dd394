package store

import (
	"context"
	"time"

	"github.com/motcua/motcua/money"
)

// Payment is one line of the payments ledger.
type Payment struct {
	TxID       string
	Dossier    string
	Online     bool
	Amount     money.VND
	Success    bool
	GatewayRef string
	At         time.Time
}

// RecordPayment writes a payment to the ledger once per transaction ID. It
// reports whether this call wrote it, so that a callback delivered twice is
// told apart from the first.
func (s *Store) RecordPayment(ctx context.Context, p Payment) (bool, error) {
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
func (s *Store) Payments(ctx context.Context, dossier string) ([]Payment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT tx_id, dossier, online, amount, success, gateway_ref, at
		FROM payments WHERE dossier = $1 ORDER BY at, tx_id`, dossier)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Payment{}
	for rows.Next() {
		var p Payment
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
