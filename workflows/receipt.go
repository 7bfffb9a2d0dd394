package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/model"
)

// receive checks the filing against the version in force on the receipt
// date, quotes it, verifies documents reused from the applicant's store, and
// starts the clock. A filing that cannot be received closes at once, with
// the reason recorded.
func (d *dossier) receive(ctx workflow.Context) error {
	f := d.filing
	codes := make([]string, 0, len(f.Components))
	for _, c := range f.Components {
		if c.Document != nil || c.Reuse != "" {
			codes = append(codes, c.Code)
		} else if f.Channel.Paper() {
			codes = append(codes, c.Code) // paper handed over at the counter
		}
	}
	var rc activities.Receipt
	err := workflow.ExecuteLocalActivity(localCtx(ctx), a.Receive, activities.ReceiveRequest{
		Procedure: f.Procedure, Channel: f.Channel, Applicant: f.Applicant.Kind,
		Inputs: f.Inputs, Components: codes, At: f.ReceivedAt,
	}).Get(ctx, &rc)
	if err != nil {
		return err
	}
	if rc.Refusal != nil {
		d.Procedure.Code = f.Procedure
		d.refusal = rc.Refusal.Reason
		d.close(ctx, NotReceived, rc.Refusal.Message)
		return d.record(ctx, "system", "not_received", rc.Refusal.Reason+": "+rc.Refusal.Message)
	}
	d.applyReceipt(rc)
	for _, sub := range f.Components {
		if err := d.attach(ctx, sub, f.Applicant.ID); err != nil {
			d.refusal, d.refusedComponent = "component_refused", sub.Code
			d.close(ctx, NotReceived, err.Error())
			return d.record(ctx, "system", "not_received", err.Error())
		}
	}
	d.Stage = InReview
	by := f.Applicant.ID
	if f.AssistedBy != "" {
		by = f.AssistedBy
	}
	return d.issue(ctx, by, "received", fmt.Sprintf("via %s; due %s", f.Channel, d.Clock.Due.Format("2006-01-02 15:04")), d.receiptSlip())
}

func (d *dossier) applyReceipt(rc activities.Receipt) {
	q := rc.Quote
	d.Quote, d.Procedure, d.Level = q, q.Procedure, rc.Level
	d.onSupplement, d.afterAcceptance = rc.OnSupplement, rc.SupplementAfterAcceptance
	d.Clock = Clock{Running: true, Start: rc.Schedule.Start, Due: rc.Schedule.Due, OriginalDue: rc.Schedule.Due,
		WarnAt: rc.Schedule.WarnAt, ApologyLimit: rc.Schedule.ApologyLimit, Pauses: []Pause{}}
	for _, n := range q.Components {
		d.Components = append(d.Components, ComponentState{Code: n.Code, Name: n.Name, Required: n.Required,
			Digitize: n.Digitize, Reuse: n.Reuse})
	}
	for i, s := range rc.Steps {
		d.Steps = append(d.Steps, StepState{Code: s.Code, Name: s.Name, Role: s.Role, Due: rc.Schedule.Steps[i]})
	}
	d.Result = ResultState{Name: rc.Result.Name, Kind: rc.Result.Kind, Digitize: rc.Result.Digitize}
}

// component returns the state of a component by code.
func (d *dossier) component(code string) *ComponentState {
	for i := range d.Components {
		if d.Components[i].Code == code {
			return &d.Components[i]
		}
	}
	return nil
}

// attach adds a submitted component: an upload, a reuse (verified against
// the applicant's store and counted), or paper.
func (d *dossier) attach(ctx workflow.Context, sub Submission, owner string) error {
	c := d.component(sub.Code)
	if c == nil {
		return fmt.Errorf("procedure %s has no component %q", d.Procedure.Code, sub.Code)
	}
	c.Present = true
	switch {
	case sub.Document != nil:
		c.Document, c.How = sub.Document, Uploaded
	case sub.Reuse != "":
		var doc model.Document
		err := workflow.ExecuteLocalActivity(localCtx(ctx), a.Reuse, activities.ReuseRequest{
			Dossier: d.Code, Component: c.Code, Document: sub.Reuse, Owner: owner, Kinds: c.Reuse, At: workflow.Now(ctx),
		}).Get(ctx, &doc)
		if err != nil {
			return fmt.Errorf("component %s: %s", c.Code, plain(err))
		}
		c.ReusedFrom, c.How = doc.ID, Reused
	}
	return nil
}

// ReceiptAck is the answer to the receipt update: how the filing was
// received. The submission answers with it, so that a filing the workflow
// refuses (a document that is not the applicant's, paper in a paperless
// pilot) is refused to the filer, not closed in silence after a 201.
type ReceiptAck struct {
	Stage   Stage     `json:"stage"`
	Due     time.Time `json:"due,omitzero"`
	Outcome Outcome   `json:"outcome,omitempty"`
	// Reason is why the filing was not received, in plain words.
	Reason string `json:"reason,omitempty"`
	// Refusal is the reason's code, such as missing_components.
	Refusal string `json:"refusal,omitempty"`
	// Component is the component at fault, when one is.
	Component string `json:"component,omitempty"`
}

// registerReceipt installs the receipt update. It is sent with the start,
// in one call, and answers once the receipt is decided and recorded: the
// store holds a dossier only once its workflow has written it.
func (d *dossier) registerReceipt(ctx workflow.Context) error {
	return workflow.SetUpdateHandler(ctx, UpdateReceipt, func(ctx workflow.Context) (ReceiptAck, error) {
		if err := workflow.Await(ctx, func() bool { return d.received }); err != nil {
			return ReceiptAck{}, err
		}
		r := ReceiptAck{Stage: d.Stage, Due: d.Clock.Due, Outcome: d.Outcome, Component: d.refusedComponent}
		if d.Outcome == NotReceived {
			r.Reason, r.Refusal = d.Reason, d.refusal
		}
		return r, nil
	})
}
