package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/motcua/motcua/money"
)

// The states of a payment opened at the national payment platform.
const (
	OrderPending = "pending"
	OrderPaid    = "paid"
	OrderFailed  = "failed"
)

// Order is a payment opened at the national payment platform.
type Order struct {
	Reference string    `json:"reference"`
	Dossier   string    `json:"dossier"`
	Amount    money.VND `json:"amount"`
	Opened    time.Time `json:"opened"`
	State     string    `json:"state"`
	TxID      string    `json:"tx_id,omitempty"`
	Queried   time.Time `json:"queried,omitzero"`
	Settled   time.Time `json:"settled,omitzero"`
}

// OpenOrder keeps a payment opened at the platform.
func (s *Store) OpenOrder(ctx context.Context, o Order) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO payment_orders (reference, dossier, amount, opened_at)
		VALUES ($1, $2, $3, $4)`, o.Reference, o.Dossier, int64(o.Amount), o.Opened.UnixMilli())
	return err
}

const orderColumns = `reference, dossier, amount, opened_at, state, tx_id, queried_at, settled_at`

func scanOrder(r scanner) (Order, error) {
	var o Order
	var amount, opened, queried, settled int64
	if err := r.Scan(&o.Reference, &o.Dossier, &amount, &opened, &o.State, &o.TxID, &queried, &settled); err != nil {
		return o, err
	}
	o.Amount, o.Opened = money.VND(amount), time.UnixMilli(opened).UTC()
	if queried > 0 {
		o.Queried = time.UnixMilli(queried).UTC()
	}
	if settled > 0 {
		o.Settled = time.UnixMilli(settled).UTC()
	}
	return o, nil
}

// Order returns a payment opened at the platform by its reference.
func (s *Store) Order(ctx context.Context, ref string) (Order, error) {
	o, err := scanOrder(s.db.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM payment_orders WHERE reference = $1`, ref))
	if errors.Is(err, sql.ErrNoRows) {
		return o, ErrNotFound
	}
	return o, err
}

// SettleOrder records what became of a payment. Paid is final: a stale
// failure of an earlier attempt, arriving after the payment went
// through, leaves it paid; a failure is overtaken by a later success.
func (s *Store) SettleOrder(ctx context.Context, ref, state, txID string, at time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE payment_orders SET state = $2, tx_id = $3, settled_at = $4
		WHERE reference = $1 AND (state = 'pending' OR (state = 'failed' AND $2 = 'paid'))`, ref, state, txID, at.UnixMilli())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// OrderQueried notes that the platform was asked about a payment and
// said it is still pending.
func (s *Store) OrderQueried(ctx context.Context, ref string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE payment_orders SET queried_at = $2 WHERE reference = $1`, ref, at.UnixMilli())
	return err
}

// PendingOrders lists the payments still pending that were opened in
// [from, to), those asked about least recently first, then the oldest.
func (s *Store) PendingOrders(ctx context.Context, from, to time.Time, limit int) ([]Order, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+orderColumns+` FROM payment_orders
		WHERE state = 'pending' AND opened_at >= $1 AND opened_at < $2 ORDER BY queried_at, opened_at LIMIT $3`,
		from.UnixMilli(), to.UnixMilli(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
