package activities

import (
	"context"
	"time"

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

// Refund is a refund made, with the gateway's reference (or the counter's,
// for money paid in cash).
type Refund struct {
	Reference string    `json:"reference"`
	Amount    money.VND `json:"amount"`
	TxID      string    `json:"tx_id,omitempty"` // the payment refunded
	Online    bool      `json:"online,omitempty"`
	At        time.Time `json:"at,omitzero"`
}

// Refund returns a payment: through the gateway when it was paid online; a
// counter payment is refunded at the counter, so a notice is sent instead.
func (a *Activities) Refund(ctx context.Context, r RefundRequest) (Refund, error) {
	if !r.Online {
		err := a.Notifier.Notify(ctx, Notice{Key: r.Key, Dossier: r.Dossier, To: "counter", Kind: "refund_at_counter",
			Text: "refund " + r.Amount.String() + " paid at the counter, receipt " + r.TxID})
		return Refund{Reference: "counter:" + r.TxID, Amount: r.Amount, TxID: r.TxID, At: time.Now().UTC()}, err
	}
	ref, err := a.Gateway.Refund(ctx, r.Key, r.TxID, r.Amount)
	if err != nil {
		return Refund{}, err
	}
	return Refund{Reference: ref, Amount: r.Amount, TxID: r.TxID, Online: true, At: time.Now().UTC()}, nil
}

// Notify sends a notice.
func (a *Activities) Notify(ctx context.Context, n Notice) error {
	return a.Notifier.Notify(ctx, n)
}
