// Package reconcile checks that motcua's records agree with its workflows
// and that its ledger balances, and repairs what can be repaired without a
// person: a stored dossier with no workflow to carry it is closed with a
// reason and a notice, money the dossier never took is refunded, a refund
// that never started is started. The command runs it on demand; the
// worker runs it on a Temporal schedule and keeps the findings for
// supervisors.
package reconcile

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/motcua/motcua/activities"
	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/workflows"
)

// The kinds of finding.
const (
	NoWorkflow       = "no_workflow"        // an open dossier whose workflow Temporal does not know
	WorkflowEnded    = "workflow_ended"     // an open dossier whose workflow ended without closing it
	StageMismatch    = "stage_mismatch"     // the record and the workflow disagree on the stage
	PaymentUndecided = "payment_undecided"  // money received that no dossier took or refused
	RefundNotStarted = "refund_not_started" // money owed back with no refund under way
	Unbalanced       = "ledger_unbalanced"  // the ledger's sums do not add up
)

// Checker compares the store with Temporal.
type Checker struct {
	Store    *store.Store
	Temporal client.Client
	// Repair fixes what it can.
	Repair bool
	// Grace is how old a record must be before a disagreement counts: the
	// store trails the workflow by the write under way.
	Grace time.Duration
	Now   func() time.Time
	// MovedFrom is the Temporal a province moved from, while it carries
	// the dossiers received before the move to their end; Run counts
	// those, so that the operators know when it may stop.
	MovedFrom client.Client
}

// Report is what a run found.
type Report struct {
	Dossiers int             `json:"dossiers"`
	Payments int             `json:"payments"`
	Findings []store.Finding `json:"findings"`
	// OnMovedFrom counts the open dossiers still running on the Temporal
	// the province moved from; nil when it did not move.
	OnMovedFrom *int `json:"on_moved_from,omitempty"`
}

// Problems counts the findings left unrepaired.
func (r Report) Problems() int {
	n := 0
	for _, f := range r.Findings {
		if f.Repaired == "" {
			n++
		}
	}
	return n
}

// Summary is the line a run ends with.
func (r Report) Summary() string {
	s := fmt.Sprintf("%d open dossiers, %d payments checked: %d problems", r.Dossiers, r.Payments, r.Problems())
	if r.OnMovedFrom != nil {
		s += fmt.Sprintf("; %d open dossiers still on the Temporal moved from", *r.OnMovedFrom)
	}
	return s
}

func (c *Checker) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Run checks every open dossier and every payment still in flight.
func (c *Checker) Run(ctx context.Context) (Report, error) {
	rep := Report{Findings: []store.Finding{}}
	if err := c.dossiers(ctx, &rep); err != nil {
		return rep, err
	}
	if err := c.ledger(ctx, &rep); err != nil {
		return rep, err
	}
	return rep, nil
}

func (c *Checker) dossiers(ctx context.Context, rep *Report) error {
	after := ""
	if c.MovedFrom != nil {
		rep.OnMovedFrom = new(int)
	}
	for {
		page, err := c.Store.OpenDossiers(ctx, after, 200)
		if err != nil {
			return err
		}
		for _, d := range page {
			rep.Dossiers++
			if c.MovedFrom != nil {
				on, err := running(ctx, c.MovedFrom, d.Code)
				if err != nil {
					return fmt.Errorf("reconcile: %s on the Temporal moved from: %w", d.Code, err)
				}
				if on {
					*rep.OnMovedFrom++
				}
			}
			f, err := c.dossier(ctx, d)
			if err != nil {
				return err
			}
			if f != nil {
				rep.Findings = append(rep.Findings, *f)
			}
			after = d.Code
		}
		if len(page) < 200 {
			return nil
		}
	}
}

// running reports whether the dossier's workflow runs on t.
func running(ctx context.Context, t client.Client, code string) (bool, error) {
	desc, err := t.DescribeWorkflowExecution(ctx, workflows.WorkflowID(code), "")
	var missing *serviceerror.NotFound
	if errors.As(err, &missing) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return desc.GetWorkflowExecutionInfo().GetStatus() == enums.WORKFLOW_EXECUTION_STATUS_RUNNING, nil
}

// dossier checks one open dossier against its workflow.
func (c *Checker) dossier(ctx context.Context, d model.Projection) (*store.Finding, error) {
	desc, err := c.Temporal.DescribeWorkflowExecution(ctx, workflows.WorkflowID(d.Code), "")
	var missing *serviceerror.NotFound
	switch {
	case errors.As(err, &missing):
		return c.orphan(ctx, d, NoWorkflow, "the store holds it open, but it has no workflow: its submission never started one")
	case err != nil:
		return nil, fmt.Errorf("reconcile: %s: %w", d.Code, err)
	}
	info := desc.GetWorkflowExecutionInfo()
	if st := info.GetStatus(); st != enums.WORKFLOW_EXECUTION_STATUS_RUNNING {
		return c.orphan(ctx, d, WorkflowEnded, "its workflow ended ("+st.String()+") without closing it")
	}
	var shown string
	if p := info.GetSearchAttributes().GetIndexedFields()[workflows.AttrStage.GetName()]; p != nil {
		_ = converter.GetDefaultDataConverter().FromPayload(p, &shown) // search attributes are never sealed
	}
	if shown == "" || shown == d.Stage {
		return nil, nil
	}
	events, err := c.Store.Timeline(ctx, d.Code)
	if err != nil {
		return nil, err
	}
	if len(events) > 0 && c.now().Sub(events[len(events)-1].At) < c.Grace {
		return nil, nil // the write under way
	}
	return &store.Finding{Dossier: d.Code, Kind: StageMismatch,
		Detail: fmt.Sprintf("the record says %s, the workflow %s; the workflow's next milestone rewrites the record", d.Stage, shown)}, nil
}

// orphan closes a dossier no workflow will carry: the filer's submission
// failed, so the dossier was never received, and its applicant is told.
func (c *Checker) orphan(ctx context.Context, d model.Projection, kind, detail string) (*store.Finding, error) {
	f := &store.Finding{Dossier: d.Code, Kind: kind, Detail: detail}
	if !c.Repair {
		return f, nil
	}
	err := c.Store.CloseOrphan(ctx, d.Code, "closed by reconciliation: "+detail,
		"Hồ sơ "+d.Code+" chưa được tiếp nhận do lỗi hệ thống khi nộp. Xin ông/bà nộp lại hồ sơ; không có khoản phí nào bị thu.", c.now())
	if errors.Is(err, store.ErrNotOpen) {
		return nil, nil // closed meanwhile
	}
	if err != nil {
		return nil, err
	}
	f.Repaired = "closed as not received, with a notice to the applicant"
	return f, nil
}

func (c *Checker) ledger(ctx context.Context, rep *Report) error {
	n, err := c.Store.CountPayments(ctx)
	if err != nil {
		return err
	}
	rep.Payments = n
	b, err := c.Store.Balance(ctx, "")
	if err != nil {
		return err
	}
	if b.Received != b.Applied+b.RefundPending+b.Refunded+b.Undecided {
		rep.Findings = append(rep.Findings, store.Finding{Kind: Unbalanced,
			Detail: fmt.Sprintf("received %s, but applied %s + owed back %s + refunded %s + undecided %s", b.Received, b.Applied, b.RefundPending, b.Refunded, b.Undecided)})
	}
	lines, err := c.Store.PaymentsIn(ctx, 1000, store.PaymentReceived, store.PaymentRefundPending)
	if err != nil {
		return err
	}
	for _, p := range lines {
		if c.now().Sub(p.Updated) < c.Grace {
			continue // being decided now
		}
		var f *store.Finding
		if p.State == store.PaymentReceived {
			f, err = c.undecided(ctx, p)
		} else {
			f, err = c.owed(ctx, p)
		}
		if err != nil {
			return err
		}
		if f != nil {
			rep.Findings = append(rep.Findings, *f)
		}
	}
	return nil
}

// undecided settles money whose callback died before the dossier's answer
// was written: applied when the dossier holds it, owed back when the
// dossier can no longer take it.
func (c *Checker) undecided(ctx context.Context, p store.LedgerEntry) (*store.Finding, error) {
	f := &store.Finding{Dossier: p.Dossier, Kind: PaymentUndecided,
		Detail: fmt.Sprintf("%s %s of %s was received and never applied or refused", p.Source, p.TxID, p.Amount)}
	took, running, stage, err := c.took(ctx, p)
	if err != nil {
		return nil, err
	}
	if !c.Repair {
		return f, nil
	}
	switch {
	case took:
		if _, err := c.Store.SettlePayment(ctx, p.Source, p.TxID, store.PaymentApplied, "", c.now()); err != nil {
			return nil, err
		}
		f.Repaired = "applied: the dossier holds it"
	case !running, paidUp(stage):
		reason, why := store.UnappliedAfterClosure, "the dossier closed without it"
		if running {
			// The dossier is paid and does not hold this money: paid twice.
			reason, why = store.UnappliedDuplicate, "the dossier is paid without it"
		}
		decided, err := c.Store.SettlePayment(ctx, p.Source, p.TxID, store.PaymentRefundPending, reason, c.now())
		if err != nil || !decided {
			return nil, err // decided meanwhile, by a redelivery
		}
		p.Reason = reason
		if err := c.refund(ctx, p); err != nil {
			return nil, err
		}
		f.Repaired = "refund started: " + why
	default:
		f.Detail += "; the dossier still awaits it, so the gateway's redelivery decides"
	}
	return f, nil
}

// took reports whether the dossier's workflow holds the payment, whether
// it still runs, and its stage.
func (c *Checker) took(ctx context.Context, p store.LedgerEntry) (bool, bool, workflows.Stage, error) {
	v, err := c.Temporal.QueryWorkflow(ctx, workflows.WorkflowID(p.Dossier), "", workflows.QueryState)
	var missing *serviceerror.NotFound
	if errors.As(err, &missing) {
		return false, false, workflows.Closed, nil
	}
	if err != nil {
		return false, false, "", fmt.Errorf("reconcile: %s: %w", p.Dossier, err)
	}
	var st workflows.State
	if err := v.Get(&st); err != nil {
		return false, false, "", err
	}
	for _, x := range st.Payments {
		if x.TxID == p.TxID {
			return true, st.Stage != workflows.Closed, st.Stage, nil
		}
	}
	return false, st.Stage != workflows.Closed, st.Stage, nil
}

// paidUp reports whether a dossier in the stage has had its fees paid.
func paidUp(s workflows.Stage) bool {
	switch s {
	case workflows.Paid, workflows.Digitizing, workflows.Processing, workflows.ReadyToReturn:
		return true
	}
	return false
}

// owed makes sure money owed back has its refund under way.
func (c *Checker) owed(ctx context.Context, p store.LedgerEntry) (*store.Finding, error) {
	id := workflows.RefundOptions(c.unapplied(p)).ID
	desc, err := c.Temporal.DescribeWorkflowExecution(ctx, id, "")
	var missing *serviceerror.NotFound
	switch {
	case errors.As(err, &missing):
	case err != nil:
		return nil, err
	case desc.GetWorkflowExecutionInfo().GetStatus() == enums.WORKFLOW_EXECUTION_STATUS_RUNNING,
		desc.GetWorkflowExecutionInfo().GetStatus() == enums.WORKFLOW_EXECUTION_STATUS_COMPLETED:
		return nil, nil // under way, or done and about to be written
	}
	f := &store.Finding{Dossier: p.Dossier, Kind: RefundNotStarted,
		Detail: fmt.Sprintf("%s %s of %s is owed back (%s) and no refund is under way", p.Source, p.TxID, p.Amount, p.Reason)}
	if c.Repair {
		if err := c.refund(ctx, p); err != nil {
			return nil, err
		}
		f.Repaired = "refund started"
	}
	return f, nil
}

func (c *Checker) unapplied(p store.LedgerEntry) activities.UnappliedRefund {
	return activities.UnappliedRefund{Source: p.Source, TxID: p.TxID, Dossier: p.Dossier, Online: p.Online, Amount: p.Amount, Reason: p.Reason}
}

func (c *Checker) refund(ctx context.Context, p store.LedgerEntry) error {
	u := c.unapplied(p)
	_, err := c.Temporal.ExecuteWorkflow(ctx, workflows.RefundOptions(u), workflows.RefundName, u)
	return err
}
