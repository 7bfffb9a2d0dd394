package workflows

import (
	"time"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
	"github.com/motcua/motcua/procedures"
)

// State is the whole of a dossier, as the state query returns it.
type State struct {
	Code       string             `json:"code"`
	Procedure  procedures.Ref     `json:"procedure"`
	Agency     string             `json:"agency"`
	Level      procedures.Level   `json:"level"`
	Channel    procedures.Channel `json:"channel"`
	AssistedBy string             `json:"assisted_by,omitempty"`
	Applicant  string             `json:"applicant"`
	Stage      Stage              `json:"stage"`
	Outcome    Outcome            `json:"outcome,omitempty"`
	Reason     string             `json:"reason,omitempty"` // why it was refused, lapsed or withdrawn
	Quote      *procedures.Quote  `json:"quote,omitempty"`
	Clock      Clock              `json:"clock"`
	Components []ComponentState   `json:"components"`
	Supplement *SupplementRequest `json:"supplement,omitempty"`
	// Supplements counts the supplement requests made.
	Supplements int `json:"supplements,omitempty"`
	// SupplementAfterAcceptance marks a dossier sent back for a supplement
	// after it was accepted: the national scorecard counts it as late.
	SupplementAfterAcceptance bool            `json:"supplement_after_acceptance,omitempty"`
	Payments                  []Payment       `json:"payments"`
	Refunds                   []model.Refund  `json:"refunds"`
	Steps                     []StepState     `json:"steps"`
	Result                    ResultState     `json:"result"`
	Apologies                 []ApologyLetter `json:"apologies"`
	Decided                   time.Time       `json:"decided,omitzero"`
	Closed                    time.Time       `json:"closed,omitzero"`
	Timeline                  []model.Event   `json:"timeline"`
}

// Clock is the legal clock: when it runs, when the dossier is due, and
// what interrupted it.
type Clock struct {
	Running bool      `json:"running"`
	Start   time.Time `json:"start,omitzero"` // when the current run started
	Due     time.Time `json:"due,omitzero"`   // the appointment now in force
	// OriginalDue is the appointment on the receipt slip; on-time is judged
	// against it, even after an apology letter sets a new date.
	OriginalDue    time.Time `json:"original_due,omitzero"`
	WarnAt         time.Time `json:"warn_at,omitzero"`
	ApologyLimit   time.Time `json:"apology_limit,omitzero"`
	ElapsedMinutes int64     `json:"elapsed_minutes"` // working time used before the current run
	Pauses         []Pause   `json:"pauses"`
	Warned         bool      `json:"warned"`
	// Overdue is set the instant the due time passes; OverdueOf is the due
	// time that was missed.
	Overdue      bool      `json:"overdue"`
	OverdueOf    time.Time `json:"overdue_of,omitzero"`
	SupplementBy time.Time `json:"supplement_by,omitzero"`
	PaymentBy    time.Time `json:"payment_by,omitzero"`
}

// Pause is a stretch when the clock stood still for a supplement.
type Pause struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to,omitzero"`
}

// ComponentState is one component of the dossier and its electronic copy.
type ComponentState struct {
	Code     string       `json:"code"`
	Name     string       `json:"name"`
	Required bool         `json:"required"`
	Digitize bool         `json:"digitize"` // an electronic copy is required
	Present  bool         `json:"present"`
	Reuse    []string     `json:"reuse,omitempty"` // document kinds that may stand in
	Document *DocumentRef `json:"document,omitempty"`
	// How is how the electronic copy came: uploaded, scanned or reused.
	How        string `json:"how,omitempty"`
	ReusedFrom string `json:"reused_from,omitempty"`
}

// The ways a component gets its electronic copy.
const (
	Uploaded = "uploaded"
	Scanned  = "scanned"
	Reused   = "reused"
)

// digitized reports whether the component has the electronic copy it needs.
func (c ComponentState) digitized() bool { return c.Document != nil || c.ReusedFrom != "" }

// SupplementRequest is the officer's request that is waiting for the citizen.
type SupplementRequest struct {
	By         string    `json:"by"`
	Reason     string    `json:"reason"`
	Components []string  `json:"components"`
	At         time.Time `json:"at"`
	From       Stage     `json:"from"` // the stage to go back to
}

// Payment is money paid for the dossier; the ledger's type.
type Payment = model.Payment

// StepState is one processing step and its own due instant.
type StepState struct {
	Code string    `json:"code"`
	Name string    `json:"name"`
	Role string    `json:"role"`
	Due  time.Time `json:"due"`
	Done time.Time `json:"done,omitzero"`
	By   string    `json:"by,omitempty"`
	Note string    `json:"note,omitempty"`
}

// ResultState is the result document.
type ResultState struct {
	Name     string       `json:"name"`
	Kind     string       `json:"kind"`
	Digitize bool         `json:"digitize"` // must be digitized before it is returned
	Document *DocumentRef `json:"document,omitempty"`
	Via      string       `json:"via,omitempty"` // online or counter
	Returned time.Time    `json:"returned,omitzero"`
}

// ApologyLetter is a phiếu xin lỗi và hẹn lại: the reason a dossier will be
// late and the new appointment.
type ApologyLetter struct {
	By     string    `json:"by"`
	Reason string    `json:"reason"`
	OldDue time.Time `json:"old_due"`
	NewDue time.Time `json:"new_due"`
	At     time.Time `json:"at"`
}

// paid is what has been paid, less nothing: refunds are listed apart.
func (s *State) paid() money.VND {
	var total money.VND
	for _, p := range s.Payments {
		total += p.Amount
	}
	return total
}

// fee is the total the dossier must pay.
func (s *State) fee() money.VND {
	if s.Quote == nil {
		return 0
	}
	return s.Quote.Total
}

// The caps on actions that can repeat. Each keeps a dossier's history
// bounded, and each stands for a limit a real office keeps.
const (
	// MaxSupplementRequests: Decree 61 wants completeness settled in one
	// request; three allows for a citizen who brings the wrong paper twice.
	MaxSupplementRequests = 3
	// MaxApologies: a letter sets a new date at most a whole deadline
	// away; a third missed date is for a supervisor, not another letter.
	MaxApologies = 3
	// MaxFailedPayments: failed attempts at the gateway recorded on one
	// dossier; past this the citizen is told to pay at the counter.
	MaxFailedPayments = 10
)
