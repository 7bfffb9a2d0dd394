package activities

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/motcua/motcua/procedures"
)

// ReceiveRequest is a filing as the receipt checks it.
type ReceiveRequest struct {
	Procedure  string                   `json:"procedure"`
	Channel    procedures.Channel       `json:"channel"`
	Applicant  procedures.ApplicantKind `json:"applicant_kind"`
	Inputs     map[string]any           `json:"inputs"`
	Components []string                 `json:"components"` // the codes of the components filed
	At         time.Time                `json:"at"`
}

// Receipt is what the receipt decided: the version in force, the quote and
// the deadlines, or why the filing cannot be received.
type Receipt struct {
	Refusal *Refusal          `json:"refusal,omitempty"`
	Quote   *procedures.Quote `json:"quote,omitempty"`
	// Schedule is the clock as it starts at receipt.
	Schedule     Schedule                  `json:"schedule"`
	OnSupplement procedures.SupplementRule `json:"on_supplement"`
	// SupplementAfterAcceptance is the procedure's leave to ask for a
	// supplement once the dossier was accepted.
	SupplementAfterAcceptance bool              `json:"supplement_after_acceptance,omitempty"`
	Result                    procedures.Result `json:"result"`
	Agency                    procedures.Agency `json:"agency"`
	Level                     procedures.Level  `json:"level"`
	Steps                     []procedures.Step `json:"steps"`
}

// Refusal is why a filing is not received, in plain words.
type Refusal struct {
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

// Reasons for refusing a filing at receipt, beyond those of procedures.
const (
	ReasonInvalidInputs     = "invalid_inputs"
	ReasonMissingComponents = "missing_components"
	ReasonUnknownProcedure  = "unknown_procedure"
)

// Receive checks a filing against the version in force on its receipt date
// and quotes it. It is pure: it reads only the catalogue, so it runs as a
// local activity and its answer is kept in history.
func (a *Activities) Receive(_ context.Context, r ReceiveRequest) (Receipt, error) {
	p, err := a.Catalogue.Lookup(r.Procedure, r.At)
	if err != nil {
		reason := procedures.ReasonNotInForce
		if errors.Is(err, procedures.ErrUnknownProcedure) {
			reason = ReasonUnknownProcedure
		}
		return Receipt{Refusal: &Refusal{reason, err.Error()}}, nil
	}
	q, err := p.Quote(r.Inputs, r.Channel, r.Applicant, r.At)
	var refusal *procedures.Refusal
	var bad *procedures.InputError
	switch {
	case errors.As(err, &refusal):
		return Receipt{Refusal: &Refusal{refusal.Reason, refusal.Message}}, nil
	case errors.As(err, &bad):
		return Receipt{Refusal: &Refusal{ReasonInvalidInputs, bad.Error()}}, nil
	case err != nil:
		// A rule failed at run time: a defect in the definition, which
		// retrying cannot mend.
		return Receipt{}, temporal.NewNonRetryableApplicationError(err.Error(), "RuleFailed", err)
	}
	var missing []string
	for _, code := range q.Required() {
		if !slices.Contains(r.Components, code) {
			missing = append(missing, code)
		}
	}
	if len(missing) > 0 {
		return Receipt{Refusal: &Refusal{ReasonMissingComponents, fmt.Sprintf("required components are missing: %v", missing)}}, nil
	}
	s, err := a.schedule(p, q.ClockStarts, 0)
	if err != nil {
		return Receipt{}, err
	}
	return Receipt{Quote: q, Schedule: s, OnSupplement: p.Deadline.OnSupplement,
		SupplementAfterAcceptance: p.Deadline.SupplementAfterAcceptance, Result: p.Result,
		Agency: p.Agency, Level: p.Level, Steps: p.Steps}, nil
}
