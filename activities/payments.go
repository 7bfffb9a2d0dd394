package activities

import (
	"context"

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

// Refund is a refund made.
type Refund struct {
	Reference string    `json:"reference"`
	Amount    money.VND `json:"amount"`
}

// Refund returns a payment: through the gateway when it was paid online; a
// counter payment is refunded at the counter, so a notice is sent instead.
func (a *Activities) Refund(ctx context.Context, r RefundRequest) (Refund, error) {
	if !r.Online {
		err := a.Notifier.Notify(ctx, Notice{Key: r.Key, Dossier: r.Dossier, To: "counter", Kind: "refund_at_counter",
			Text: "refund " + r.Amount.String() + " paid at the counter, receipt " + r.TxID})
		return Refund{Reference: "counter:" + r.TxID, Amount: r.Amount}, err
	}
	ref, err := a.Gateway.Refund(ctx, r.Key, r.TxID, r.Amount)
	if err != nil {
		return Refund{}, err
	}
	return Refund{Reference: ref, Amount: r.Amount}, nil
}

// Notify sends a notice.
func (a *Activities) Notify(ctx context.Context, n Notice) error {
	return a.Notifier.Notify(ctx, n)
}
