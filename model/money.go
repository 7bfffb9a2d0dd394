package model

import (
	"time"

	"github.com/motcua/motcua/money"
)

// Payment is money paid for a dossier, online through the gateway or at
// the counter against a receipt.
type Payment struct {
	TxID string `json:"tx_id"` // the gateway's transaction, or the counter receipt number
	// Source names the gateway that took it; empty is the default gateway
	// online, and the agency's counter otherwise.
	Source     string    `json:"source,omitempty"`
	Online     bool      `json:"online"`
	Amount     money.VND `json:"amount"`
	GatewayRef string    `json:"gateway_ref,omitempty"`
	By         string    `json:"by,omitempty"`
	At         time.Time `json:"at"`
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
