package activities

import (
	"context"
	"time"

	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
)

// Milestone is one step of a dossier's life: the projection as it now
// stands, and the event that made it so.
type Milestone struct {
	Dossier Projection `json:"dossier"`
	Event   Event      `json:"event"`
	// Files, Payments and Refunds are the dossier's electronic copies and
	// money as they now stand, so that the store still holds them after
	// Temporal has let the closed workflow go. Each is written once.
	Files    []File    `json:"files,omitempty"`
	Payments []Payment `json:"payments,omitempty"`
	Refunds  []Refund  `json:"refunds,omitempty"`
	// Paper is a paper the milestone issues to the citizen, if any.
	Paper *Paper `json:"paper,omitempty"`
	// Notices are the notices the milestone gives, kept in the same
	// write: an outbox the notifier drains.
	Notices []Notice `json:"notices,omitempty"`
}

// File is an electronic copy attached to a dossier: a component uploaded,
// scanned at the counter or reused from the citizen's store, or the result.
type File struct {
	Component  string `json:"component"` // "result" for the result
	Document   string `json:"document"`
	SHA256     string `json:"sha256"`
	Media      string `json:"media"`
	Size       int64  `json:"size"`
	How        string `json:"how"` // uploaded, scanned, reused or result
	ReusedFrom string `json:"reused_from,omitempty"`
}

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

// Projection is the record of a dossier that outlives its workflow, with
// what supervisors count: channel, fee, online payment, digitization, time.
type Projection struct {
	Code            string             `json:"code"`
	Procedure       procedures.Ref     `json:"procedure"`
	Agency          string             `json:"agency"`
	Level           procedures.Level   `json:"level"`
	Channel         procedures.Channel `json:"channel"`
	AssistedBy      string             `json:"assisted_by,omitempty"`
	Applicant       string             `json:"applicant"`
	Stage           string             `json:"stage"`
	Outcome         string             `json:"outcome,omitempty"`
	Received        time.Time          `json:"received"`
	Due             time.Time          `json:"due,omitzero"`
	OriginalDue     time.Time          `json:"original_due,omitzero"`
	Decided         time.Time          `json:"decided,omitzero"`
	Returned        time.Time          `json:"returned,omitzero"`
	Fee             money.VND          `json:"fee"`
	PaidOnline      bool               `json:"paid_online"`
	ResultDigitized bool               `json:"result_digitized"`
	OnTime          *bool              `json:"on_time,omitempty"`
}

// Event is one entry of a dossier's timeline: who did what and when.
type Event struct {
	Seq    int       `json:"seq"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Detail string    `json:"detail,omitempty"`
}

// Record writes a milestone. It runs as a local activity: one short,
// idempotent write that costs the history a single marker.
func (a *Activities) Record(ctx context.Context, m Milestone) error {
	if m.Paper != nil {
		if err := a.render(m.Paper); err != nil {
			return err
		}
	}
	return a.Store.Record(ctx, m)
}
