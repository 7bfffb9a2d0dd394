package activities

import (
	"context"
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
)

// RefundRequest returns a payment. The key makes a retried refund pay once.
type RefundRequest struct {
	Key     string    `json:"key"`
	Dossier string    `json:"dossier"`
	TxID    string    `json:"tx_id"`
	Online  bool      `json:"online"`
	Amount  money.VND `json:"amount"`
}

// Refund returns a payment: through the gateway when it was paid online; a
// counter payment is refunded at the counter, so a notice is sent instead.
func (a *Activities) Refund(ctx context.Context, r RefundRequest) (model.Refund, error) {
	if !r.Online {
		err := a.Notifier.Notify(ctx, model.Notice{Key: r.Key, Dossier: r.Dossier, To: "counter", Kind: "refund_at_counter",
			Text: "refund " + r.Amount.String() + " paid at the counter, receipt " + r.TxID})
		return model.Refund{Reference: "counter:" + r.TxID, Amount: r.Amount, TxID: r.TxID, At: time.Now().UTC()}, err
	}
	ref, err := a.Gateway.Refund(ctx, r.Key, r.TxID, r.Amount)
	if err != nil {
		return model.Refund{}, err
	}
	return model.Refund{Reference: ref, Amount: r.Amount, TxID: r.TxID, Online: true, At: time.Now().UTC()}, nil
}

// Notify sends a notice.
func (a *Activities) Notify(ctx context.Context, n model.Notice) error {
	return a.Notifier.Notify(ctx, n)
}

// PaymentPlatform settles the payments whose callback from the national
// payment platform never came.
type PaymentPlatform interface {
	ReconcilePayments(ctx context.Context) (string, error)
}

// ReconcilePayments is the scheduled reconciliation with the national
// payment platform: it answers the run's summary line.
func (a *Activities) ReconcilePayments(ctx context.Context) (string, error) {
	if a.Platform == nil {
		return "no payment platform configured", nil
	}
	return a.Platform.ReconcilePayments(ctx)
}
