package gateway

import "github.com/motcua/motcua/money"

// Callback is what a gateway posts when a payment completes or fails.
type Callback struct {
	TxID       string    `json:"tx_id" minLength:"1" maxLength:"100" doc:"The gateway's transaction ID; a callback delivered twice is applied once."`
	Dossier    string    `json:"dossier" minLength:"1" maxLength:"80" doc:"The dossier the payment is for."`
	Amount     money.VND `json:"amount" minimum:"0" maximum:"1000000000000" doc:"The amount paid, in VND."`
	Success    bool      `json:"success" doc:"Whether the payment went through."`
	GatewayRef string    `json:"gateway_ref,omitempty" maxLength:"200" doc:"The gateway's own reference."`
}
