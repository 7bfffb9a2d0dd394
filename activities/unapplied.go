package activities

import (
	"context"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
)

// Ledger is the payments ledger: where the refund of money that no
// dossier took is written down.
type Ledger interface {
	// PaymentRefunded marks a payment refunded and lists the refund, once.
	PaymentRefunded(ctx context.Context, source, txID string, r model.Refund) error
}

// UnappliedRefund is money a gateway or a counter took for a dossier that
// did not take it: paid twice, the wrong amount, too early, after the
// dossier closed, or for no dossier at all.
type UnappliedRefund struct {
	Source  string    `json:"source"`
	TxID    string    `json:"tx_id"`
	Dossier string    `json:"dossier"`
	Online  bool      `json:"online"`
	Amount  money.VND `json:"amount"`
	Reason  string    `json:"reason"`
}

// Key is the refund's idempotency key at the gateway. It begins with the
// dossier, as every refund key does, so that a refund queued for the
// finance office is filed under its dossier.
func (u UnappliedRefund) Key() string {
	return "refund/" + u.Dossier + "/unapplied:" + u.Source + ":" + u.TxID
}

// RefundUnapplied pays such money back and writes the refund down. Both
// halves are idempotent, so a retry after a crash between them pays once.
func (a *Activities) RefundUnapplied(ctx context.Context, u UnappliedRefund) (model.Refund, error) {
	r, err := a.Refund(ctx, RefundRequest{Key: u.Key(), Dossier: u.Dossier, TxID: u.TxID, Online: u.Online, Amount: u.Amount})
	if err != nil {
		return r, err
	}
	return r, a.Ledger.PaymentRefunded(ctx, u.Source, u.TxID, r)
}

// Reconciler checks the records against the workflows and the ledger, and
// repairs what it safely can; it keeps its findings for supervisors.
type Reconciler interface {
	Reconcile(ctx context.Context) (string, error)
}

// Reconcile runs the reconciler once, for the schedule: it answers the
// run's summary line.
func (a *Activities) Reconcile(ctx context.Context) (string, error) {
	return a.Reconciler.Reconcile(ctx)
}
