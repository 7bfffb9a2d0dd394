package workflows

import (
	"time"

	"github.com/motcua/motcua/money"
)

// Accept is the officer's finding that the dossier is complete.
type Accept struct {
	By string `json:"by"`
}

// RequestSupplement asks the citizen to add to the dossier.
type RequestSupplement struct {
	By         string   `json:"by"`
	Reason     string   `json:"reason"`
	Components []string `json:"components"`
	// ByName is the officer's name as the request prints it; By when empty.
	ByName string `json:"by_name,omitempty"`
}

// Supplement is what the citizen adds.
type Supplement struct {
	By         string       `json:"by"`
	Components []Submission `json:"components"`
	Note       string       `json:"note,omitempty"`
}

// PaymentCallback is the payment gateway's report of a payment.
type PaymentCallback struct {
	TxID string `json:"tx_id"`
	// Source names the gateway; empty is the default one.
	Source     string    `json:"source,omitempty"`
	Amount     money.VND `json:"amount"`
	Success    bool      `json:"success"`
	GatewayRef string    `json:"gateway_ref,omitempty"`
}

// CounterPayment is a payment taken at the counter, with its receipt number.
type CounterPayment struct {
	By        string    `json:"by"`
	ReceiptNo string    `json:"receipt_no"`
	Amount    money.VND `json:"amount"`
}

// Digitize attaches an electronic copy to a component: a scan, an upload,
// or a document reused from the applicant's store.
type Digitize struct {
	By        string       `json:"by"`
	Component string       `json:"component"`
	Document  *DocumentRef `json:"document,omitempty"`
	Reuse     string       `json:"reuse,omitempty"`
}

// CompleteStep marks the current processing step done.
type CompleteStep struct {
	By   string `json:"by"`
	Role string `json:"role"`
	Step string `json:"step"`
	Note string `json:"note,omitempty"`
}

// Approve decides for the citizen, with the result document.
type Approve struct {
	By     string       `json:"by"`
	Result *DocumentRef `json:"result,omitempty"` // the digitized result
}

// Refuse decides against the citizen, with a reason they can read.
type Refuse struct {
	By     string `json:"by"`
	Reason string `json:"reason"`
	// ByName is the officer's name as the refusal prints it; By when empty.
	ByName string `json:"by_name,omitempty"`
}

// ReturnResult hands the result over, online or at the counter.
type ReturnResult struct {
	By  string `json:"by"`
	Via string `json:"via"` // online or counter
}

// Apologize issues an apology letter with a new appointment.
type Apologize struct {
	By string `json:"by"`
	// ByName is the signer's name as the letter prints it; By when empty.
	ByName string    `json:"by_name,omitempty"`
	Reason string    `json:"reason"`
	NewDue time.Time `json:"new_due"`
}

// Withdraw is the citizen taking the dossier back before the decision.
type Withdraw struct {
	By     string `json:"by"`
	Reason string `json:"reason,omitempty"`
}
